import subprocess, os
G='/work/.mirror/MicrosoftTranslator+NTREX/repo'
def show(p): return subprocess.run(['git','--git-dir',G+'/.git' if os.path.isdir(G+'/.git') else G,'show','HEAD:'+p],capture_output=True,text=True).stdout
commit=subprocess.run(['git','--git-dir',G,'rev-parse','HEAD'],capture_output=True,text=True).stdout.strip()
ids=show('DOCUMENT_IDS.tsv').splitlines(); sents=show('NTREX-128/newstest2019-src.eng.txt').splitlines()
assert len(ids)==len(sents)
docs=[]
for i,s in zip(ids,sents):
    if not docs or docs[-1][0]!=i: docs.append((i,[]))
    docs[-1][1].append(s)
cand=[d for d in docs if 10<=len(d[1])<=22]
pick=cand[::max(1,len(cand)//16)][:16]
man=[]
for n,(i,ss) in enumerate(pick,1):
    title, body = ss[0], ss[1:16]
    paras=[]; k=0; sizes=[3,4]
    while k<len(body):
        sz=sizes[len(paras)%2]; paras.append(' '.join(body[k:k+sz])); k+=sz
    name=f'ntrex-{n:02d}-{i}.txt'
    open('/tmp/hA/docs/'+name,'w').write(title+'\n\n'+'\n\n'.join(paras)+'\n')
    man.append((name,'MicrosoftTranslator/NTREX','NTREX-128/newstest2019-src.eng.txt (doc '+i+')',commit))
with open('/tmp/hA/manifest.tsv','a') as f:
    for m in man: f.write('\t'.join(m)+'\n')
print(len(man))
