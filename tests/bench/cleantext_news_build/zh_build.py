import collections, csv, io, json, os, pickle, re, subprocess, sys
sys.path.insert(0,'/tmp/hB')
from htmltext import html_lines
csv.field_size_limit(10**9)
OUT='/tmp/hB/docs'; os.makedirs(OUT,exist_ok=True)
for f in os.listdir(OUT): os.remove(os.path.join(OUT,f))
man=[]
HAN=re.compile(r'[\u4e00-\u9fff]')
def han(s): return len(HAN.findall(s))
def gshow(repo, path):
    return subprocess.run(['git','--git-dir',f'/work/.mirror/{repo}/repo','show',f'HEAD:{path}'],capture_output=True,check=True).stdout.decode('utf-8')
def head(repo):
    return subprocess.run(['git','--git-dir',f'/work/.mirror/{repo}/repo','rev-parse','HEAD'],capture_output=True,check=True,text=True).stdout.strip()
def write(name, text, repo, path, note=''):
    text=text.strip('\n')+'\n'
    open(os.path.join(OUT,name+'.txt'),'w',encoding='utf-8').write(text)
    man.append((name, repo.replace('+','/'), path, head(repo), note, han(text)))
def cut(paras, limit):
    out=[];n=0
    for p in paras:
        if out and n+han(p)>limit: break
        out.append(p); n+=han(p)
    return out

# 1. NTREX
R='MicrosoftTranslator+NTREX'
ids=gshow(R,'DOCUMENT_IDS.tsv').splitlines(); zh=gshow(R,'NTREX-128/newstest2019-ref.zho-CN.txt').splitlines()
docs=collections.OrderedDict()
for i,(d,s) in enumerate(zip(ids,zh)): docs.setdefault(d,[]).append((i+1,s))
pick=['upi.176266','telegraph.405401','euronews-en.153800','cnn.304489','bbc.381647','cnbc.com.6769','reuters.218923',
      'dailymail.co.uk.298630','bbc.381669','reuters.218933','nytimes.184862','dailymail.co.uk.298602','telegraph.405408','euronews-en.153799','upi.176249','scotsman.133765','dailymail.co.uk.298644','bbc.381736','newsweek.51339','cbsnews.248484']
for k,d in enumerate(pick):
    sents=docs[d]; title=sents[0][1]; body=[s for _,s in sents[1:]]
    paras=[]; i=0; sizes=[3,4,3,4,4]
    j=0
    while i<len(body):
        n=sizes[j%len(sizes)]; paras.append(''.join(body[i:i+n])); i+=n; j+=1
    write(f'ntrex-{k+1:02d}', title+'\n\n'+'\n\n'.join(paras), R, 'NTREX-128/newstest2019-ref.zho-CN.txt', f'doc {d}, lines {sents[0][0]}-{sents[-1][0]}')

# 2. CPC news (people.com.cn via x13-caesar/FMPRC_NLP)
R='x13-caesar+FMPRC_NLP'
cpc=[('jjsh',3),('gjwj',17),('plgd',10),('xsdt',19),('ldhd',4),('zypl',1),('zypl',4),('zyjs',66),('zyjs',106),('ncjcdj',189),('jjsh',2),('gjwj',12),('plgd',6)]
cache={}
for k,(sec,i) in enumerate(cpc):
    p=f'data/cpcnews_{sec}.csv'
    if p not in cache: cache[p]=list(csv.DictReader(io.StringIO(gshow(R,p))))
    x=cache[p][i]
    paras=[l.strip('\t\n ').replace('\xa0\xa0','\xa0') for l in x['body'].split('\n')]
    paras=[l for l in paras if l.strip()]
    paras=cut(paras, 2400)
    write(f'cpc-{k+1:02d}', x['title'].strip()+'\n'+'\n'.join(paras), R, p, f'row {i} ({x["date"]})')

# 3. gov.cn policy documents (ZhouYNF/platform-1 SQL dump)
R='ZhouYNF+platform-1'
rows=pickle.load(open('/tmp/hB/gov.pkl','rb'))
gov=[(1,2,2600),(38,2,99999),(14,2,2600),(26,2,99999),(24,3,99999),(11,2,99999),(33,0,2500)]
for k,(rid,ntitle,limit) in enumerate(gov):
    v=rows[rid-1]; L=html_lines(v[11])
    title=''.join(L[:ntitle]) if ntitle else L[0]; rest=L[ntitle:] if ntitle else L[1:]
    # de-duplicate repeated tail blocks (page repeats the body in a second table)
    seen=[];
    for l in rest:
        if l in seen: break
        seen.append(l)
    rest=seen
    if limit<99999: rest=cut(rest, limit)
    write(f'gov-{k+1:02d}', title+'\n'+'\n'.join(rest), R, 'db/ge_policy_raw20190217.sql', f'row id {rid}: {v[4]}')

# 4. Chinese Wikipedia (CMRC 2018 dev contexts)
R='ymcui+cmrc2018'
d=json.loads(gshow(R,'squad-style-data/cmrc2018_dev.json'))
ctx=[]
for a in d['data']:
    for p in a['paragraphs']: ctx.append((a['title'],p['context'],p.get('id','')))
good=[]
for t,c,i in ctx:
    if any(b in c for b in ('（）','()','「','」',' and ','1.','2.','（，','，）','<','，，','﹑','；，')): continue
    if han(c)<650: continue
    good.append((t,c,i))
print('wiki candidates',len(good),file=sys.stderr)
for k,(t,c,i) in enumerate(good[:10]):
    s=re.findall(r'[^。！？]*[。！？]?',c); s=[x for x in s if x]
    paras=[''.join(s[j:j+4]) for j in range(0,len(s),4)]
    write(f'wiki-{k+1:02d}', t+'\n\n'+'\n\n'.join(paras), R, 'squad-style-data/cmrc2018_dev.json', f'context id {i}')

# markdown -> text
def md2txt(md):
    out=[]
    for l in md.split('\n'):
        s=l.rstrip()
        if re.match(r'^\s*(!\[|<video|<img|<div|</div|<iframe)',s): continue
        s=re.sub(r'!\[[^\]]*\]\([^)]*\)','',s)
        s=re.sub(r'\[([^\]]*)\]\(([^)]*)\)',lambda m: m.group(1),s)
        s=s.replace('**','').replace('<u>','').replace('</u>','').replace('`','')
        s=re.sub(r'^#+\s*','',s); s=re.sub(r'^>\s?','',s)
        out.append(s)
    t='\n'.join(out); t=re.sub(r'\n{3,}','\n\n',t)
    return t.strip()

# 5. Finance daily (Halerfermatqing/mybolgfor, Wind 陆家嘴财经早餐)
R='Halerfermatqing+mybolgfor'
for k,day in enumerate(['2024-8-20','2024-8-27','2024-9-10']):
    p=f'_posts/{day}-wind-DailyFinanceNews.md'
    md=gshow(R,p); md=md.split('---',2)[2]
    t=md2txt(md)
    lines=[l for l in t.split('\n\n') if l.strip() and not re.match(r'^(\d\d-\d\d \d\d:\d\d ?Wind.*|EnRA\+A-|收藏到AliceBox|（本期视频由.*）)$',l.strip())]
    title=lines[0]; body=cut(lines[1:],2300)
    write(f'fin-{k+1:02d}', title+'\n\n'+'\n\n'.join(body), R, p, 'front matter, images, UI lines (time/EnRA+A-/收藏到AliceBox) dropped; markdown stripped')

# 6. Tech weekly (ruanyf/weekly)
R='ruanyf+weekly'
for k,n in enumerate([350,320,300]):
    p=f'docs/issue-{n}.md'; md=gshow(R,p)
    secs=re.split(r'\n(?=## )',md)
    title=secs[0].split('\n')[0]
    keep=[s for s in secs[1:] if not re.match(r'## (封面图|往年回顾|\[活动\]|活动|文章|工具|资源|图片|AI 相关|言论)',s)]
    t=md2txt('\n'.join(keep))
    paras=[x for x in t.split('\n\n') if x.strip()]
    body=cut(paras,2200)
    write(f'tech-{k+1:02d}', md2txt(title)+'\n\n'+'\n\n'.join(body), R, p, 'sections: essay + 科技动态 (+文摘/言论); images dropped; links -> link text; ** and <u> stripped')

# 7. Tech weekly, windows around paragraphs with times, versions, IPs, URLs, code in running text
targets=[(134,'15:27'),(15,'192.168.1.1'),(153,'0177.0.0.1'),(173,'00:30'),(136,'lodash@4.17.20'),(18,'8.8.8.8'),(284,'NJHG0yuBabQ'),(337,'Base URL')]
for k,(n,tgt) in enumerate(targets):
    p=f'docs/issue-{n}.md'; md=gshow(R,p)
    title=md.split('\n')[0]
    secs=re.split(r'\n(?=## )',md)
    keep=[x for x in secs[1:] if not re.match(r'## (封面图|往年回顾|回顾|订阅|图片|言论)',x)]
    t=md2txt('\n'.join(keep))
    paras=[x for x in t.split('\n\n') if x.strip()]
    i=next(j for j,x in enumerate(paras) if tgt in x.replace('`',''))
    start=max(0,i-6)
    # start at a section/item heading if one is just above
    for j in range(i,max(-1,i-10),-1):
        if re.match(r'^(\d+、|科技动态|文章|工具|资源|文摘|资讯)',paras[j]): start=j; break
    body=cut(paras[start:],1300)
    write(f'tech-{k+4:02d}', md2txt(title)+'\n\n'+'\n\n'.join(body), R, p, f'window of paragraphs {start}.. around "{tgt}"; images/iframes dropped; links -> link text; ** <u> and backticks stripped')

with open('/tmp/hB/manifest.tsv','w') as f:
    f.write('name\trepo\tpath\tcommit\tnote\than_chars\n')
    for r in man: f.write('\t'.join(map(str,r))+'\n')
print(len(man),'docs',sum(r[5] for r in man),'han',file=sys.stderr)
