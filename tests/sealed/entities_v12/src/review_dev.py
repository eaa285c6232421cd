import json,re,sys
sys.path.insert(0,'src')
import verify as V
G=V.Gazetteer()
L=json.load(open('labels.json'))
common=set("""Le La Les L' Un Une Des Du De Dans Pour Avec Depuis Après Avant Chaque Elle Il Ils Elles On Nous Vous Ce Cette Ces Au Aux En Et Mais Or Si Sur Par Plus Près Lors Selon Parmi Quand Tout Toute Tous Beaucoup Deux Trois Quatre Six Huit Dix Contact Résonances Agenda Mouvements Publication Entretien Nomination Fiche Appel Rapport Avis Étude Décret Portrait Programme Séminaire Formation Rencontre Journée Cycle Webinaire Retour Rentrée Groupe Ressource Ressources Logement Habitat Santé Sport Culture Emploi Éducation Jeunesse Numérique Participation Alimentation Hébergement Politique Vient Extrait Inscription Horaires Renseignements Candidatures Date Réalisation Conception Diffusé Réalisé Issu Ouvert Ouverte Né Née Créée Lancé Annoncé Fruit Munis Réuni Sollicitée Présidente Directeur Directrice Médecin Historienne Responsable Architectes Géographe Sociologue Deux Près Apprendre Vidé Maisons Cartes Face""".split())
for fn in sorted(k for k in L if k!='_doc'):
    lines=open(fn).read().split('\n')
    arts=V.derive_articles(lines,[a['title'] for a in L[fn]])
    for a,lab in zip(arts,L[fn]):
        t=V.article_text(lines,a)
        spans=[]
        for s in lab['people']+lab['traps']+lab['optional']:
            spans+=V.occurrences(t,s)
        for e in lab['organisations']:
            for f in e: spans+=V.occurrences(t,f)
        for s,e,surf,codes in G.find(t):
            spans.append((s,e))
        out=[]
        for m in re.finditer(r"(?<![\w'’\-])([A-ZÀ-Ý][a-zà-ÿ'’\-]+(?:[ ](?:de|du|des|la|le|d'|l'|et|&|van|von|da|el|ben)?[ ]?[A-ZÀ-Ý][\w'’\-]+)*)", t):
            s,e=m.span()
            if any(cs<=s and e<=ce for cs,ce in spans): continue
            w=m.group(1)
            if w.split()[0] in common and ' ' not in w: continue
            if w.split("'")[0] in common: continue
            out.append(w)
        if out: print(fn[9:11], lab['title'][:30], '|', ', '.join(sorted(set(out))))
