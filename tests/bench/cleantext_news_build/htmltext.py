from html.parser import HTMLParser
import re
class T(HTMLParser):
    BLOCK={'p','div','br','tr','li','h1','h2','h3','h4','td','table','tbody'}
    def __init__(s): super().__init__(convert_charrefs=True); s.lines=['']
    def handle_starttag(s,tag,a):
        if tag in s.BLOCK: s.lines.append('')
    def handle_endtag(s,tag):
        if tag in s.BLOCK: s.lines.append('')
    def handle_data(s,d): s.lines[-1]+=d.replace('\n',' ')
def html_lines(h):
    t=T(); t.feed(h)
    out=[]
    for l in t.lines:
        l=re.sub(r'[ \t]+',' ',l).strip()
        if l: out.append(l)
    return out
