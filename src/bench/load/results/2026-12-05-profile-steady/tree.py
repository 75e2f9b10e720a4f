import sys, collections
path, pat, depth = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 4
minp = float(sys.argv[4]) if len(sys.argv) > 4 else 0.3
total = 0; tree = {}
def add(node, frames, n):
    for f in frames:
        node = node.setdefault(f, [0, {}]); node[0] += n; node = node[1]
for line in open(path):
    stack, _, n = line.rstrip().rpartition(' '); n = int(n); total += n
    fr = stack.split(';')
    for i, f in enumerate(fr):
        if pat in f:
            add(tree, [f] + fr[i+1:i+1+depth], n); break
def show(node, ind):
    for f, (n, ch) in sorted(node.items(), key=lambda x: -x[1][0]):
        if 100*n/total < minp: continue
        print(f"{100*n/total:6.1f}% {'  '*ind}{f.split('/')[-1][:110]}")
        show(ch, ind+1)
show(tree, 0)
