"""Why a clean 19-point curve gives a wide labels-to-95 % interval (BENCHMARKS.md, issue 15, helper forecast).

A numpy replica of SaturationCurve's fit (same exponent grid, a <= 1, b >= 0). For the test's curve (a 0.92, b 0.9,
c 0.6, labels 10-100 by 5, noise 0.01) it prints, per noise draw, the exponents whose fit stays within the 90 % profile
likelihood band and the labels-to-95 % at both ends; then the coverage and width of a parametric bootstrap interval
under a log-normal prior on c centred on 0.5 (the agnostic learning-theory rate) of several widths tau.
"""
import numpy as np
GRID=np.exp(np.linspace(np.log(0.05),np.log(3),80))
def line(n,y,c,w=None):
    w=np.ones_like(y) if w is None else w
    x=n**-c; W=w.sum(); mx=(w*x).sum()/W; my=(w*y).sum()/W
    sxx=(w*(x-mx)**2).sum(); sxy=(w*(x-mx)*(y-my)).sum()
    b=max(0,-sxy/sxx) if sxx>0 else 0; a=my+b*mx
    if a>1:
        a=1; b=max(0,(w*(1-y)*x).sum()/(w*x*x).sum())
    return a,b,c
def sse(n,y,cur,w=None):
    a,b,c=cur; w=np.ones_like(y) if w is None else w
    return (w*(y-(a-b*n**-c))**2).sum()
def fit(n,y,w=None,grid=GRID,pen=None):
    best=None;be=np.inf
    for c in grid:
        cur=line(n,y,c,w); e=sse(n,y,cur,w)+(pen(c) if pen else 0)
        if e<be: be=e;best=cur
    return best
def reach(cur,share=0.95):
    a,b,c=cur
    if b<=0: return 0
    return (b/((1-share)*a))**(1/c)
def at(cur,n): a,b,c=cur; return a-b*n**-c

T = (0.92, 0.9, 0.6); n = np.arange(10, 101, 5.); truth = reach(T) - 100
for s in range(5):
    r = np.random.default_rng(s); y = at(T, n) + 0.01 * r.standard_normal(len(n))
    prof = [(c, sse(n, y, line(n, y, c)), line(n, y, c)) for c in GRID]
    m = min(p[1] for p in prof); sig2 = m / (len(n) - 3)
    ok = [(round(c, 2), round(p[0], 3), round(max(0, reach(p) - 100))) for c, e, p in prof if (e - m) / sig2 < 2.71]
    print("draw", s, "90 % profile band (c, a, more labels):", ok[0], "to", ok[-1])
for tau in [None, 1.0, 0.5, 0.35, 0.25]:
    cov = 0; widths = []
    for s in range(40):
        r = np.random.default_rng(s); y = at(T, n) + 0.01 * r.standard_normal(len(n))
        sig2 = sse(n, y, fit(n, y)) / (len(n) - 3)
        prior = lambda v: (lambda c: v * (np.log(c / 0.5) / tau) ** 2) if tau else None
        f = fit(n, y, pen=prior(sig2)); more = []
        for b in range(200):
            yb = at(f, n) + np.sqrt(sig2) * r.standard_normal(len(n))
            more.append(max(0, reach(fit(n, yb, pen=prior(sse(n, yb, fit(n, yb)) / (len(n) - 3)))) - 100))
        lo, hi = np.percentile(more, [5, 95]); cov += lo <= truth <= hi; widths.append(hi - lo)
    print("prior tau", tau, "covered", cov, "/ 40, median width", round(float(np.median(widths))))
