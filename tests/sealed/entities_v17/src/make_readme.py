#!/usr/bin/env python3
"""Write README.md (French dataset card) with counts and SHA-256 of every file."""
import hashlib
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def main():
    labels = json.load(open(os.path.join(ROOT, "labels.json"), encoding="utf-8"))
    files = sorted(k for k in labels if k != "_doc")
    rows = []
    tot = [0] * 6
    for fn in files:
        arts = labels[fn]
        with open(os.path.join(ROOT, fn), encoding="utf-8") as f:
            banner = [l for l in f.read().split("\n")[:30] if l.startswith("N° ")][0]
        c = [len(arts),
             sum(len(a["communes"]) for a in arts),
             sum(len(a["organisations"]) for a in arts),
             sum(len(a["people"]) for a in arts),
             sum(len(a["optional"]) for a in arts),
             sum(len(a["traps"]) for a in arts)]
        tot = [x + y for x, y in zip(tot, c)]
        rows.append(f"| `{fn}` | {banner} | " + " | ".join(str(x) for x in c) + " |")
    verify_line = subprocess.run(["python3", os.path.join(ROOT, "src", "verify.py")],
                                 capture_output=True, text=True).stdout.strip().split("\n")[-1]
    started = open(os.path.join(ROOT, "started.txt"), encoding="utf-8").read().strip()
    ended = open(os.path.join(ROOT, "ended.txt"), encoding="utf-8").read().strip()

    hashed = files + ["labels.json"]
    hashed += sorted(os.path.join("src", x) for x in os.listdir(os.path.join(ROOT, "src"))
                     if os.path.isfile(os.path.join(ROOT, "src", x)))
    hashed += sorted(os.path.join("labels_src", x) for x in os.listdir(os.path.join(ROOT, "labels_src")))
    hashed += ["started.txt", "ended.txt", "package.json", "package-lock.json"]
    sums = "\n".join(f"{sha(os.path.join(ROOT, p))}  {p}" for p in hashed)

    md = f"""# Jeu d'évaluation scellé v17 : entités nommées dans *Résonances*

## Ce que c'est

Jeu d'évaluation **scellé** pour un extracteur d'entités nommées (communes, organisations,
personnes) appliqué à la lettre d'information *Résonances* du Pôle ressources ville et
développement social (Eaubonne ; Yvelines 78, Hauts-de-Seine 92, Val-d'Oise 95).

Il contient **10 numéros inventés** (N° 2501 à N° 2510, datés de septembre 2140 à décembre 2141),
en texte brut UTF-8, qui reproduisent la mise en page d'un numéro réel de 2021 : bandeau
(titre, éditeur, adresse d'Eaubonne), lignes de section (« L'actu du Pôle ressources »,
« National / Régional », « Ouest francilien (…) »), lignes de rubrique `< … >`, ligne de commune
ou de thème au-dessus des titres, titres et intertitres en capitales, lignes « Lieu : »,
contacts, liens. Genres représentés : brèves, fiches expérience longues avec citations et
intertitres en capitales, entretiens (questions/réponses), listes « Mouvements » et
« Nominations » (noms en capitales), revues de presse, agendas, notes de lecture, de film, de
documentaire et de bande dessinée, appels à projets, à candidatures et à contributions,
« En bref », podcasts, exposition, théâtre, web-série, voyage d'étude, outil pédagogique, revue de
littérature. Styles variés : phrases longues, style télégraphique (fiches « Quoi : … Quand : … »),
écriture inclusive (habitant·e·s, délégué·e·s, coordonnateur·rice·s), sigles (QPV, GUSP, PRE,
TFPB, NPNRU, ASV, CEJ, CLSM, CLSPD, DALO, TIG…). Onze ou douze articles par numéro.

Tout le contenu est **fictif** : les personnes, la plupart des associations locales, des
entreprises, des projets et des équipements sont inventés ; les organismes nationaux (agences de
l'État, ministères, services déconcentrés, réseaux, fédérations, fondations, bailleurs,
CAF/CPAM/France Travail, universités, laboratoires, éditeurs, médias), les intercommunalités, EPT,
départements et préfectures, ainsi que quelques équipements et associations locales réels
(théâtres, cinémas, hôpitaux, lieux culturels, associations de prévention), sont réels mais placés
dans des situations imaginaires. Les communes citées comme lieux sont réelles.

## Fichiers

| fichier | contenu |
| --- | --- |
| `sealed17_01.txt` … `sealed17_10.txt` | les 10 numéros (texte) |
| `labels.json` | les annotations : entrée `_doc` (description des champs) puis une clé par fichier, valeur = liste ordonnée des articles `{{title, communes, organisations, people, optional, traps}}` |
| `labels_src/NN.txt` | source compacte des annotations (`@` titre, `c` codes INSEE, `o` formes d'une organisation séparées par ` \\| `, `p` personne, `x` optionnel, `t` piège) |
| `src/build_labels.py` | construit `labels.json` à partir de `labels_src/` |
| `src/verify.py` | vérificateur (voir plus bas) |
| `src/lookup.py` | aide : code INSEE, département et population d'une commune (communes.json) |
| `src/make_readme.py` | génère ce README (comptes et empreintes) |
| `package.json`, `package-lock.json` | installation npm de `@etalab/decoupage-administratif` (référentiel des communes, `data/communes.json`) |
| `started.txt`, `ended.txt` | sortie de `date` au début et à la fin du travail |

## Conventions d'annotation

- **Découpage en articles** : un article commence au bloc d'en-tête situé au-dessus de son
  titre (lignes de section, lignes de rubrique `< … >`, ligne de commune ou de thème, lignes
  vides) et se termine là où commence le bloc d'en-tête de l'article suivant. Le bandeau du
  numéro (titre, éditeur, adresse d'Eaubonne, numéro et date) précède le premier article.
- **title** : préfixe exact d'une et une seule ligne du fichier. Pour les listes sans titre
  propre (Mouvements, En bref, Agenda, Dans la presse), c'est la ligne de rubrique
  (par ex. `< Mouvements >`).
- **communes** : codes INSEE (COG, `communes.json` de `@etalab/decoupage-administratif`) des
  communes citées comme lieux, y compris dans la ligne de commune au-dessus du titre, la ligne
  de rubrique (lieu d'une réunion), les lignes « Lieu : », les listes Mouvements et Agenda et
  les titres d'articles de presse. Une commune hors 78/92/95 n'est annotée que si le texte
  l'étaye (département ou région nommés, métropole, grande ville sans ambiguïté).
- **organisations** : `[forme canonique, autres formes acceptées…]` ; au moins une forme figure
  telle quelle dans l'article. « Nom complet (SIGLE) » donne les deux formes ; une forme en
  capitales est ajoutée quand l'organisation n'apparaît que dans un titre en capitales (ou y
  apparaît aussi). Une municipalité agissant comme telle (« la ville de X ») n'est pas une
  organisation : la commune est annotée comme lieu. Intercommunalités, EPT, départements en
  tant qu'institutions, préfectures, bailleurs, associations, entreprises, médias,
  établissements scolaires, universités, théâtres, médiathèques, centres sociaux, salles
  nommées dans une ligne « Lieu : » et éditeurs sont des organisations.
- Une commune qui ne figure que dans le nom d'une organisation (mission locale, académie,
  presses universitaires, maison des femmes, théâtre, club…) n'est pas annotée comme lieu ; son
  code est mis en **optional** quand le lien avec le lieu est plausible.
- **people** : tels qu'écrits (Prénom Nom), sans civilité ni fonction, capitales conservées
  (listes Mouvements). Les initiales d'une personne interviewée et la forme en capitales d'un
  nom dans un titre vont en **optional**.
- **optional** : ne compte ni pour ni contre : Eaubonne (95203) et l'en-tête du Pôle
  ressources pour le premier article de chaque numéro (sauf si le corps cite le Pôle : c'est
  alors une organisation ; et si Eaubonne est citée comme lieu, elle est annotée en commune),
  le nom de la lettre utilisé comme interlocuteur dans les entretiens, les salles génériques
  (« Salle des fêtes », « Hôtel de ville »), la mention du Pôle dans la rubrique de presse,
  quelques dispositifs ou instances à la limite de l'organisation, et les cas réellement
  ambigus (manifestation se déroulant dans la ville qui lui donne son nom, etc.).
  Dans ce jeu vont aussi en optional les prénoms seuls (personne citée sans nom de famille),
  la forme abrégée d'une commune qui n'est pas son nom officiel (« Garges »), les quartiers
  homonymes d'une commune voisine (« Meudon-la-Forêt »), les instances ou dispositifs cités
  par un nom commun ou un sigle (conseil citoyen, CLSM, ASV, PRE, cité éducative, CLSPD), les
  mentions génériques de l'État ou du Département, et, pour le premier article d'un numéro dont
  le corps ne cite pas le Pôle, la forme « Pôle ressources » de la ligne de section
  « L'actu du Pôle ressources ».
- **traps** : information seulement (non évalués).

## Familles de pièges

Présentées en termes généraux (le détail est dans `labels.json`, champ `traps`) :

1. villes étrangères homonymes de communes françaises (avec le pays ou la région étrangère) ;
2. quartiers portant le nom d'une commune située ailleurs ;
3. rues, stations, aéroports et lieux parisiens formés sur un nom de commune ;
4. œuvres (films, sculptures, émissions), événements, accords, chartes, traités et festivals
   portant le nom d'une ville ;
5. personnes dont le nom ou le prénom est un nom de commune (la personne est annotée, le
   fragment est signalé comme piège) ;
6. mots en capitales dans les titres et intertitres qui coïncident avec un nom de commune ;
7. lois, rapports et plans portant le nom d'une personne ;
8. organisations contenant un nom de commune (mission locale, lieu culturel, club, fondation,
   média, université, presses universitaires, hôpital…) ;
9. mots ordinaires du français qui sont aussi des noms de petites communes.

Des contre-exemples sont aussi présents : certaines communes servant ailleurs de piège
(ou au nom ressemblant à un mot ordinaire) sont citées, dans d'autres articles, comme de
vrais lieux.

## Comptes

| fichier | numéro | articles | communes | organisations | personnes | optionnels | pièges |
| --- | --- | --- | --- | --- | --- | --- | --- |
""" + "\n".join(rows) + f"""
| **total** | | **{tot[0]}** | **{tot[1]}** | **{tot[2]}** | **{tot[3]}** | **{tot[4]}** | **{tot[5]}** |

(communes = nombre d'étiquettes de communes, somme sur les articles ; même principe pour les
autres colonnes.)

## Vérificateur

`python3 src/build_labels.py && python3 src/verify.py` ; dernière ligne obtenue :

```
{verify_line}
```

`src/verify.py` contrôle :

- chaque titre est le préfixe d'exactement une ligne, dans l'ordre du fichier ; découpage des
  articles selon la convention ci-dessus ; 10 fichiers de 10 à 12 articles, numéros N° 2501 à
  N° 2510 ; dans le bandeau, tout nombre de quatre chiffres (hors numéro du bulletin) doit être
  une année 2140 ou 2141, et la ligne « N° NNNN – mois AAAA » doit donner une date comprise
  entre septembre 2140 et décembre 2141, croissante d'un numéro au suivant ;
- chaque personne, piège et optionnel textuel figure dans le texte de son article (l'en-tête
  du Pôle peut se trouver dans le bandeau pour le premier article), ainsi qu'au moins une forme
  de chaque organisation ;
- absence de balisage, de civilité (y compris « M. », « Dr », « Pre » suivis d'une espace) et
  de doublon dans les étiquettes ;
- chaque code INSEE (communes et optionnels) existe dans `communes.json` (communes actuelles)
  et le nom de chaque commune annotée apparaît dans l'article ;
- **exhaustivité** : toute occurrence dans un article du nom d'une commune des 78/92/95 (noms
  officiels et alias du gazetier `communes_78_92_95.tsv`) ou d'une commune française de plus
  de 15 000 habitants est couverte (étiquette de commune, homonymes compris, code optionnel, ou
  position à l'intérieur d'une personne, d'un piège, d'une forme d'organisation ou d'un
  optionnel textuel), en tenant compte des articles (le/du/au, la, les/des/aux, l'), des
  capitales et des capitales sans accents ;
- hors articles (bandeau), le seul nom de commune admis est Eaubonne, dans l'adresse.

## Ce qui a été lu et ce qui ne l'a pas été

- Lu : le numéro réel servant de modèle de mise en page dans `/work/shared/seeds/` (un fichier
  `.txt`) ; `/work/shared/domain/README.md` et `/work/shared/domain/communes_78_92_95.tsv` ;
  `data/communes.json` de `@etalab/decoupage-administratif` installé par npm dans ce dossier ;
  le modèle fourni dans `template/` (un `README.md` et les scripts `src/` d'un jeu antérieur du
  même type, écrit par quelqu'un d'autre). Ses scripts ont été repris et adaptés (noms
  `sealed17_NN`, numéros 2501-2510, années 2140-2141 dans le bandeau, dates comprises entre
  septembre 2140 et décembre 2141 ; recherche de la ligne « N° » dans tout le bandeau pour
  `make_readme.py`) ; ses conventions d'annotation ont été suivies. Le README du modèle donne les
  comptes et empreintes de ce jeu antérieur, mais ni ses textes ni ses étiquettes, qui n'ont pas
  été lus. Le dossier `template/` a été supprimé à la fin du travail, ainsi qu'un petit script
  d'aide à la relecture (liste des mots à majuscule non couverts par une étiquette) utilisé
  pendant l'annotation et non conservé.
- Non lu : rien sous `/work/main` (ni code, ni tests, ni données, ni jeux antérieurs) ; rien
  sous `/work/scratch` en dehors de ce dossier ; aucun autre fichier de `/work/shared/domain/`.
  Aucune recherche sur le web.

## Dates

- début : {started}
- fin : {ended}

(README généré juste après l'écriture de `ended.txt`, pour pouvoir en inclure l'empreinte.)

## Empreintes SHA-256

```
{sums}
```

(README.md lui-même n'est pas dans la liste : il contient les empreintes.)

## Première mesure

Pas encore faite. Elle est à faire une seule fois, par le projet, après le dépôt du jeu, en
consignant ici la commande, le commit et les scores, sans lire les erreurs une à une.
"""
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8") as f:
        f.write(md)
    print("README.md written;", tot)


if __name__ == "__main__":
    main()
