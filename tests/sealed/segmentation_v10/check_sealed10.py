import sys, glob, re
from tools.issuegen.spec import load_issue
tot=0; allt=[]
for p in sorted(glob.glob('/work/scratch/seal-seg-v10/sealed10-seg-0*.toml')):
    txt=open(p,encoding='utf-8').read()
    txt.encode('cp1252')  # raises if not windows-1252
    assert '\u00b7' not in txt
    i=load_issue(p); arts=i.articles(); tot+=len(arts)
    print(p.split('/')[-1], i.number, i.date, i.masthead, '| sections', len(i.sections), [ (s.name, len(s.articles)) for s in i.sections], '| sidebar', i.sidebar.title if i.sidebar else None, '| edito', len(i.editorial) if i.editorial else 0, '| total', len(arts))
    assert 3<=len(i.sections)<=7
    for s,a in arts:
        assert 4<=len(a.title)<=200, a.title
        allt.append(a.title)
        if a.pull_quote: assert any(a.pull_quote in q for q in a.paragraphs), a.title
        if a.continued_after: assert a.continued_after < len(a.paragraphs), a.title
        if len(a.paragraphs)>=10: print('   long:', len(a.paragraphs), 'jump', a.continued_after, 'ctitle', a.continued_title, '|', a.title[:50])
print('TOTAL', tot)
L=sorted(allt,key=len); print('shortest', [(len(t),t) for t in L[:3]]); print('longest', [(len(t),t) for t in L[-3:]])
print('!', [t for t in allt if t.endswith('!')]); print('…', [t for t in allt if t.endswith('…')])
print('«', [t for t in allt if t.startswith('«')]); print('digit', [t for t in allt if t[0].isdigit()])
print('caps', sum(t.upper()==t for t in allt), 'lower', [t for t in allt if t.lower()==t], 'questions', sum('?' in t for t in allt), 'colon', sum(':' in t for t in allt))
