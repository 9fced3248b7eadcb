import subprocess, re
G='/work/.mirror/brian14708+wh-briefings/repo'
commit=subprocess.run(['git','--git-dir',G,'rev-parse','HEAD'],capture_output=True,text=True).stdout.strip()
FILES={
'wh-01-psaki-briefing':'press-briefings/2021-01/2021-01-29-press-briefing-by-press-secretary-jen-psaki-january-29-2021.md',
'wh-02-covid-team-briefing':'press-briefings/2022-02/2022-02-16-press-briefing-by-white-house-covid-19-response-team-and-public-health-officials-83.md',
'wh-03-sullivan-gaggle':'press-briefings/2023-08/2023-08-18-press-gaggle-by-national-security-advisor-jake-sullivan-thurmont-md.md',
'wh-04-quad-joint-statement':'statements-releases/2023-05/2023-05-20-quad-leaders-joint-statement.md',
'wh-05-readout-sullivan':'statements-releases/2024-05/2024-05-20-readout-of-national-security-advisor-jake-sullivans-meeting-with-palestinian-officials.md',
'wh-06-factsheet-apec':'statements-releases/2023-11/2023-11-17-fact-sheet-president-biden-welcomes-asia-pacific-leaders-to-san-francisco-drives-inclusive-and-sustainable-economic-growth-at-home-and-throughout-apec.md',
'wh-07-factsheet-border':'fact-sheets/2025-01/2025-01-22-fact-sheet-president-donald-j-trump-protects-the-states-and-the-american-people-by-closing-the-border-to-illegals-via-proclamation.md',
'wh-08-eo-climate':'presidential-actions/2021-01/2021-01-20-executive-order-protecting-public-health-and-environment-and-restoring-science-to-tackle-climate-crisis.md',
'wh-09-proclamation-parks':'presidential-actions/2022-04/2022-04-15-a-proclamation-on-national-park-week-2022.md',
'wh-10-remarks-kishida':'speeches-remarks/2023-01/2023-01-13-remarks-by-president-biden-and-prime-minister-kishida-of-japan-before-bilateral-meeting.md',
'wh-11-war-powers-letter':'presidential-actions/2024-02/2024-02-04-letter-to-the-speaker-of-the-house-and-president-pro-tempore-of-the-senate-consistent-with-the-war-powers-resolution-public-law-93-148-13.md',
'wh-12-statement-secret-service':'statements-releases/2022-08/2022-08-24-statement-from-president-biden-on-the-appointment-of-kimberly-cheatle-to-be-the-next-director-of-the-united-states-secret-service.md',
'wh-13-remarks-tribal-summit':'speeches-remarks/2021-11/2021-11-15-remarks-by-president-biden-at-the-tribal-nations-summit.md',
'wh-14-indonesia-jetp':'statements-releases/2022-11/2022-11-15-indonesia-and-international-partners-secure-groundbreaking-climate-targets-and-associated-financing.md',
'wh-15-remarks-covid':'speeches-remarks/2021-01/2021-01-26-remarks-by-president-biden-on-the-fight-to-contain-the-covid-19-pandemic.md',
}
def inline(s):
    s=re.sub(r'\[([^\]]*)\]\([^)]*\)',r'\1',s)
    s=s.replace('**','')
    s=re.sub(r'(?<!\w)\*([^*]+)\*(?!\w)',r'\1',s)
    s=s.replace('\\_',' ').replace('\\[','[').replace('\\]',']').replace('\\(','(').replace('\\)',')').replace('\\*','*').replace('\\$','$').replace("\\'","'").replace('\\"','"').replace('\\-','-').replace('\\.','.').replace('\\#','#').replace('\\&','&')
    return s
man=open('/tmp/hA/manifest.tsv','a')
for name,p in FILES.items():
    t=subprocess.run(['git','--git-dir',G,'show','HEAD:'+p],capture_output=True,text=True).stdout
    fm,body=t.split('\n---\n',1)
    import yaml
    title=str(yaml.safe_load(fm.strip().lstrip('-'))['title']).replace('\u2060','').replace('\xa0',' ')
    title=inline(title).strip()
    blocks=[]; cur=[]; 
    for line in body.split('\n'):
        if not line.strip():
            if cur: blocks.append(cur); cur=[]
            continue
        cur.append(line)
    if cur: blocks.append(cur)
    outb=[]
    for b in blocks:
        # split list items
        items=[]; 
        for line in b:
            if re.match(r'^\s*[-*]\s{1,4}\S',line) and not line.startswith('**'):
                items.append([re.sub(r'^\s*[-*]\s+','- ',line)])
            elif items and line.startswith('    '): items[-1].append(line.strip())
            elif items: items[-1].append(line.strip())
            else: items.append([line])
        for it in items:
            # hard line breaks: line ending with two spaces or backslash
            lines=[]; buf=''
            for l in it:
                hard = l.endswith('  ') or l.endswith('\\')
                l2=l.rstrip('\\').rstrip() if hard else l
                buf = (buf+' '+l2.strip()) if buf else l2.strip()
                if hard: lines.append(buf); buf=''
            if buf: lines.append(buf)
            txt='\n'.join(inline(x) for x in lines if x.strip())
            txt=txt.replace('<s>','').replace('</s>','')
            if txt.strip() and txt.strip()!='###': outb.append(txt)
    # trim to ~1500 words at block boundary
    keep=[];w=0
    for b in outb:
        if w>1500 and not b.startswith('- '): break
        keep.append(b); w+=len(b.split())
    txt=title+'\n\n'+'\n\n'.join(keep)+'\n'
    open(f'/tmp/hA/docs/{name}.txt','w').write(txt)
    man.write(f'{name}.txt\tbrian14708/wh-briefings\t{p}\t{commit}\n')
