import subprocess, re, html
G='/work/.mirror/cwang23+china_fm/repo'; C='5048bc297a11e7477dfadf325e06a745de7041ad'
def git(*a): return subprocess.run(['git','--git-dir',G,*a],capture_output=True).stdout
files=[f for f in git('ls-tree','-r','--name-only',C).decode().splitlines() if f.endswith('response_body')]
pages=[]
for f in files:
    meta=git('show',C+':'+f[:-len('response_body')]+'meta').decode('utf-8','replace')
    m=re.search(r"'url': '([^']+)'",meta)
    if m and '/mfa_eng/' in m.group(1) and m.group(1).rsplit('/',1)[1].startswith('t'):
        pages.append((m.group(1),f))
pages.sort()
print(len(pages))
def clean(s):
    s=re.sub(r'(?is)<br\s*/?>','\n',s); s=re.sub(r'(?s)<[^>]+>','',s); s=html.unescape(s).replace('\xa0',' ')
    s=re.sub(r'[ \t]+',' ',s); return s.strip()
out=[]
step=len(pages)//9
for url,f in pages[5::step][:9]:
    h=git('show',C+':'+f).decode('utf-8','replace')
    t=re.search(r'(?is)<title>(.*?)</title>',h); title=clean(t.group(1)) if t else ''
    # body: from first <P after News_Body_Time to end of content div
    i=h.find('News_Body_Time'); body=h[i:]
    ps=[clean(p) for p in re.findall(r'(?is)<p[^>]*>(.*?)</p>',body)]
    ps=[p for p in ps if p and not p.lower().startswith('copyright')]
    out.append((url,f,title,ps))
import json; json.dump(out,open('/tmp/hA/build/mfa_raw.json','w'),indent=0)
for url,f,title,ps in out: print(url,title,len(ps),sum(len(p.split()) for p in ps)); print('  FIRST:',ps[:2]); print('  LAST:',ps[-3:])
