#!/usr/bin/env python3
"""Write README.md (French): conventions, counts, sources, dates and SHA-256 of every file."""
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import verify as V  # noqa: E402


def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def main():
    errors, stats = V.verify(ROOT, quiet=True)
    final_line = "verify: %d errors, %d files, %d articles" % (len(errors), stats["files"], stats["articles"])
    with open(os.path.join(ROOT, "labels.json"), encoding="utf-8") as f:
        L = json.load(f)
    gz = V.Gazetteer()
    codes_in, codes_out, orgs, people, traps, opt_codes, opt_str = set(), set(), set(), set(), set(), 0, 0
    per_file = []
    for fn in sorted(k for k in L if k != "_doc"):
        arts = L[fn]
        n_c = n_o = n_p = 0
        for a in arts:
            for c in a["communes"]:
                (codes_in if gz.actual[c].get("departement") in V.TERRITORY_DEPS else codes_out).add(c)
            for e in a["organisations"]:
                orgs.add(e[0])
            people.update(a["people"])
            traps.update(a["traps"])
            for o in a["optional"]:
                if o.isdigit() or (len(o) == 5 and o[:2].isdigit()):
                    opt_codes += 1
                else:
                    opt_str += 1
            n_c += len(a["communes"])
            n_o += len(a["organisations"])
            n_p += len(a["people"])
        per_file.append((fn, len(arts), n_c, n_o, n_p))
    started = open(os.path.join(ROOT, "started.txt"), encoding="utf-8").read().strip()
    ended = open(os.path.join(ROOT, "ended.txt"), encoding="utf-8").read().strip()
    files = []
    for dp, dn, fns in os.walk(ROOT):
        dn[:] = [d for d in dn if d not in ("node_modules", "__pycache__")]
        for fn in fns:
            rel = os.path.relpath(os.path.join(dp, fn), ROOT)
            if rel == "README.md":
                continue
            files.append(rel)
    files.sort()
    hashes = "\n".join("%s  %s" % (sha(os.path.join(ROOT, f)), f) for f in files)
    per_file_rows = "\n".join("| %s | %d | %d | %d | %d |" % r for r in per_file)
    text = TEMPLATE.format(
        files=stats["files"], articles=stats["articles"],
        c_in=stats["communes_in"], c_out=stats["communes_out"], c_tot=stats["communes_in"] + stats["communes_out"],
        c_out_big=stats["outside_big"], c_out_small=stats["outside_small"],
        d_in=len(codes_in), d_out=len(codes_out),
        orgs=stats["organisations"], d_orgs=len(orgs),
        people=stats["people"], d_people=len(people),
        optional=stats["optional"], opt_codes=opt_codes, opt_str=opt_str,
        traps=stats["traps"], d_traps=len(traps),
        final_line=final_line, started=started, ended=ended, hashes=hashes,
        per_file_rows=per_file_rows,
        sections=", ".join("« %s »" % s for s in sorted(V.SECTION_LINES)),
    )
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8") as f:
        f.write(text)
    print(final_line)


TEMPLATE = """# Jeu d'évaluation scellé « sealed12 » : extraction d'entités nommées dans *Résonances*

## Ce que c'est

Douze numéros **inventés** de *Résonances*, la lettre du Pôle ressources ville et développement social
(centre de ressources politique de la ville du Val-d'Oise, des Yvelines et des Hauts-de-Seine, 39 rue des
Bussys, 95600 Eaubonne), numérotés N° 1401 à N° 1412 et datés de février 2065 à octobre 2067, avec leurs
annotations de référence (communes, organisations, personnes). Le jeu sert à évaluer un extracteur
d'entités nommées. La mise en page imite le numéro réel fourni comme modèle : titre, lignes d'éditeur,
bloc d'adresse, lignes de section, rubriques entre < >, ligne de commune ou de thème au-dessus des
titres, titres en capitales, lignes « Contact : … », adresses web entre < >.

Tous les textes ont été écrits pour ce jeu. Les personnes, les associations locales, les entreprises et
les projets sont inventés ; les organismes nationaux (agences, ministères, services déconcentrés, réseaux,
fédérations, caisses, universités, médias, éditeurs…) portent leur nom réel. Les communes sont réelles.

## Contenu du dossier

- `sealed12_01.txt` … `sealed12_12.txt` : les douze numéros (texte brut UTF-8).
- `labels.json` : les annotations (entrée `_doc` décrivant les champs, puis une clé par fichier).
- `src/issues/01.src` … `12.src` : source annotée (balisage en ligne) d'où sont générés textes et labels.
- `src/build.py` : générateur (source annotée → textes + `labels.json`), avec contrôle croisé des
  limites d'articles ; `src/registry.py` : formes canoniques et variantes des organismes récurrents.
- `src/verify.py` : vérificateur autonome (ne lit que les textes, `labels.json`, le paquet npm et le TSV
  des communes). `python3 src/verify.py` ; code de sortie 0 si aucune erreur.
- `src/make_readme.py` : produit ce fichier (comptes, empreintes) ; `src/code.py` et
  `src/review_dev.py` : aides de développement (recherche de codes INSEE, relecture des mots à
  majuscule non couverts).
- `started.txt`, `ended.txt` : sortie de `date` au début et à la fin du travail.
- `package.json`, `package-lock.json`, `node_modules/` : installation de `@etalab/decoupage-administratif`.

Régénérer : `python3 src/build.py` (écrit les textes et `labels.json`, puis lance le vérificateur).

## Conventions d'annotation

Chaque fichier a une liste d'articles dans l'ordre du texte ; chaque article est
`{{title, communes, organisations, people, optional, traps}}` (toutes les clés toujours présentes).

- **title** : la ligne de titre de l'article, préfixe d'exactement une ligne du fichier. Pour les listes
  sans titre propre (Mouvements, revues de presse, agenda), c'est la ligne de rubrique (ex. `< Mouvements >`).
- **Limites d'un article** (déduites du seul texte) : l'article commence à sa « tête » (au plus trois
  lignes non vides juste au-dessus du titre : rubrique < … >, ligne de commune ou de thème, mention
  « Fiche expérience » / « Entretien ») et finit là où commence la tête de l'article suivant. Les lignes
  de section ({sections}) et l'en-tête du numéro sont hors articles.
- **communes** : codes INSEE (COG de `data/communes.json`) des communes citées comme lieux dans
  l'article, ligne de commune au-dessus du titre comprise, y compris en capitales dans les titres,
  dans les listes Mouvements, dans les lignes de lieu de l'agenda et dans les titres d'articles de presse.
  Une municipalité qui agit (« la ville de X », « maire de X ») n'est pas une organisation : on
  étiquette la commune comme lieu. Communes hors 78/92/95 seulement si le texte l'appuie : grande ville
  (plus de 15 000 habitants) ou département / région nommé dans l'article.
- **organisations** : liste de `[forme canonique, autres formes acceptées…]` ; au moins une forme figure
  telle quelle dans l'article ; toute forme vaut correspondance. « Nom complet (SIGLE) » = une seule
  organisation. Sont des organisations : intercommunalités, EPT, Métropole, conseils départementaux
  (y compris écrits CD95, CD 78, CD92), préfectures, services de l'État, bailleurs sociaux, caisses,
  associations, clubs, entreprises, médias, éditeurs, écoles et établissements nommés d'après une
  personne, universités, laboratoires, hôpitaux, théâtres, cinémas, médiathèques, centres sociaux,
  maisons de quartier. Les programmes, dispositifs, labels, lois et événements ne le sont pas.
- **people** : personnes telles qu'écrites (prénom + nom, sans civilité ni fonction, capitales
  conservées, particules et noms composés inclus).
- **optional** : chaînes ou codes INSEE qui ne comptent ni en plus ni en moins : pour le premier article
  de chaque numéro, Eaubonne / 95203, le titre de la lettre et les lignes d'en-tête du Pôle ressources
  (ainsi que les mentions du Pôle ressources dans ce premier article) ; la mention du Pôle ressources
  dans la rubrique des revues de presse ; le nom de la lettre dans les questions des entretiens ;
  « État » lorsque l'État est désigné génériquement ; reprises elliptiques ; cas réellement ambigus
  (lieu nommé d'après une commune sans être la commune, circonscription électorale, etc.).
- **traps** : information seulement : chaînes qui contiennent un nom de commune ou ressemblent à une
  personne ou à une organisation sans en être. Elles ne recoupent aucune organisation ni personne
  étiquetée. Les organisations dont le nom contient un nom de commune sont étiquetées comme
  organisations (la commune n'est alors étiquetée que si elle est aussi citée comme lieu).

## Comptes

| mesure | valeur |
| --- | --- |
| fichiers | {files} |
| articles | {articles} |
| étiquettes de communes (article × code), total | {c_tot} |
| — dans le territoire (78/92/95) | {c_in} ({d_in} codes distincts) |
| — hors territoire | {c_out} ({d_out} codes distincts) : {c_out_big} villes de plus de 15 000 hab., {c_out_small} petites communes avec département ou région cités |
| étiquettes d'organisations | {orgs} ({d_orgs} formes canoniques distinctes) |
| étiquettes de personnes | {people} ({d_people} personnes distinctes) |
| étiquettes optionnelles | {optional} ({opt_str} chaînes, {opt_codes} codes INSEE) |
| pièges | {traps} ({d_traps} chaînes distinctes) |

Par fichier :

| fichier | articles | communes | organisations | personnes |
| --- | --- | --- | --- | --- |
{per_file_rows}

Genres représentés : brèves, fiches expérience longues avec citations et intertitres en capitales
de longueurs variées, entretiens (questions/réponses), listes « Mouvements » (noms en gras ou en
capitales), revues de presse, agendas, notes de lecture, appels à projets et à manifestation
d'intérêt, nominations, rubrique Europe / International.

## Familles de pièges (en termes généraux)

- quartiers, résidences ou immeubles portant le nom d'une commune située ailleurs ;
- rues, portes, ponts, gares, stations, aéroports ou zones d'activité nommés d'après une commune ;
- organisations dont le nom contient un ou deux noms de communes (universités, académies, bailleurs,
  médias, éditeurs, hôpitaux, fondations), sans que la commune soit citée comme lieu ;
- mots ordinaires ou noms de la vie courante qui sont aussi des noms de communes, en minuscules,
  en capitales dans un titre ou en début de nom propre ;
- événements, festivals, traités, pactes, appels et plans nommés d'après une ville ;
- homonymes étrangers de communes françaises, départements dont le nom contient un nom de commune ;
- personnes dont le prénom ou le nom est aussi un nom de commune (étiquetées comme personnes) ;
- lois, rapports, stations et lieux nommés d'après une personne ; programmes et labels nationaux qui
  ressemblent à des organisations ;
- noms courts ou sans article (communes à article, formes abrégées d'usage) et noms en capitales.

## Vérification

`python3 src/verify.py` contrôle : présence de `_doc` et des clés ; titres = préfixe d'exactement une
ligne, dans l'ordre ; chaque personne, piège et chaîne optionnelle, et au moins une forme de chaque
organisation, présents dans le texte de l'article ; codes INSEE existants dans `communes.json` et
commune effectivement nommée dans l'article ; appui textuel (département ou région) pour les petites
communes hors territoire ; complétude : toute occurrence dans un article d'un nom de commune des 78/92/95
ou de toute commune française de plus de 15 000 habitants (forme exacte, en capitales, sans accents,
avec ou sans article, alias du TSV, formes courtes d'usage listées dans le script ; frontières de mot =
tout caractère non alphanumérique, trait d'union compris ; une occurrence incluse dans un nom de
commune plus long est ignorée) est couverte par une étiquette de commune ou un code optionnel, ou se
trouve dans une occurrence d'un piège, d'une organisation, d'une personne ou d'une chaîne optionnelle
de l'article ; aucun nom de commune hors articles (en-tête, lignes de section) sauf l'adresse
« 95600 Eaubonne » ; absence de balisage et de civilités dans les labels ; aucune forme d'organisation,
personne ou piège égale à un nom de commune nu.

Dernière ligne du vérificateur : `{final_line}`

## Ce qui a été lu, et ce qui ne l'a pas été

Lu :
- `/work/shared/seeds/000_c0f9906cec2eaf60.txt` (le numéro réel, modèle de style et de mise en page) ;
- `/work/shared/domain/README.md` et `/work/shared/domain/communes_78_92_95.tsv` ;
- le paquet npm `@etalab/decoupage-administratif` (6.0.0) installé dans ce dossier : `data/communes.json`
  (codes INSEE, noms, populations), ainsi que `data/departements.json` et `data/regions.json` (noms des
  départements et régions pour le contrôle d'appui textuel), et la ligne de version de son `package.json`.

Listé sans être ouvert : le contenu des répertoires `/work/shared/seeds/`, `/work/shared/domain/`
(les autres fichiers de ce répertoire n'ont pas été ouverts) et `data/` du paquet.

Non lu : rien sous `/work/main` (ni code, ni tests, ni données, ni jeux antérieurs) ; rien sous
`/work/scratch` hors de ce dossier ; aucun autre fichier de `/work/shared`. Aucun outil de recherche
externe n'a été utilisé. Deux fichiers temporaires de développement créés dans `/tmp` (une copie de test
du vérificateur et un script de relecture) ont été supprimés ou déplacés ici (`src/review_dev.py`).

## Dates

- début (`started.txt`) : {started}
- fin (`ended.txt`) : {ended}

## Empreintes SHA-256

Tous les fichiers du dossier sauf ce `README.md` (qui ne peut contenir sa propre empreinte),
`node_modules/` et les caches Python.

```
{hashes}
```
"""

if __name__ == "__main__":
    main()
