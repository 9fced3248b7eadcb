import json
out=json.load(open('/tmp/hA/build/mfa_raw.json'))
C='5048bc297a11e7477dfadf325e06a745de7041ad'
man=open('/tmp/hA/manifest.tsv','a')
for n,(url,f,title,ps) in enumerate(out,1):
    keep=[];w=0
    for i,p in enumerate(ps):
        isq = p.startswith('Q:') or (':' in p[:40] and not p.startswith('A:') and i>0 and p.split(':')[0]!='Zhao Lijian' and len(p.split(':')[0].split())<5 and 'Zhao' not in p[:12])
        if w>1300 and isq: break
        keep.append(p); w+=len(p.split())
    name=f'mfa-{n:02d}-{url.rsplit("/",1)[1].split(".")[0]}.txt'
    open('/tmp/hA/docs/'+name,'w').write(title+'\n\n'+'\n\n'.join(keep)+'\n')
    man.write(f'{name}\tcwang23/china_fm\t{f} ({url})\t{C}\n')
