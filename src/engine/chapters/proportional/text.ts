/** The chapter's article text (plain text, blank-line paragraphs, `## ` headings, $TeX$). */
export const text = `## The question

A network has been trained on a data-rich source task. A second network has to learn a related target task from few examples, and we tie its first layer to the source network's with an elastic spring of stiffness $\\gamma$. When does the spring help, how strong should it be, and why does the benefit disappear when the networks are very wide?

## The model

Both networks have one hidden layer of $N_1$ erf units, $f(x) = \\frac{1}{\\sqrt{N_1}} \\sum_i v_i \\,\\mathrm{erf}(w_i \\cdot x/\\sqrt{N_0})$, Gaussian priors of precisions $\\lambda_0, \\lambda_1$ and a Bayesian posterior at temperature $T$. The source network $W_s$ is one sample of its posterior on $P_s$ source examples; the target network is sampled from

$$p(W, v \\mid W_s) \\propto \\exp\\Big(-\\tfrac{1}{T} L_t(W, v) - \\tfrac{\\lambda_0}{2}|W|^2 - \\tfrac{\\lambda_1}{2}|v|^2 - \\tfrac{\\gamma}{2}|W - W_s|^2\\Big)$$

on $P_t$ target examples. $\\gamma = 0$ is training from scratch, $\\gamma \\to \\infty$ freezes the source features and re-learns only the readout. The tasks are two linear teachers on Gaussian inputs whose overlap $\\rho$ measures how related they are.

## What the theory predicts

In the proportional limit ($P$ and $N_1$ large, $\\alpha = P/N_1$ finite) the target predictor is a kernel predictor whose kernel is renormalised by a few scalar order parameters. The source network alone is the renormalised-kernel theory of Pacelli et al.: its readout kernel is rescaled by $Q_s$, the minimiser of

$$S(Q) = Q - \\log Q + \\frac{1}{N_1}\\Big[\\log\\det\\big(T + \\tfrac{Q}{\\lambda_1}K_{ss}\\big) + y_s^\\top \\big(T + \\tfrac{Q}{\\lambda_1}K_{ss}\\big)^{-1} y_s\\Big].$$

The coupled target needs three more: $Q_t$ (its own kernel), $Q_{tt}$ (the part it shares with other target samples through the same source) and $Q_{st}$, the weight of the **source–target kernel** $K_{ts}$ through which the source's fit $\\mu = K_{ts} G^{-1} y_s$ enters the target's prediction:

$$\\bar f(x_0) = \\frac{Q_{st}}{\\lambda_1} K_{0s} G^{-1} y_s + k_\\xi(x_0)^\\top A^{-1}\\Big(y_t - \\frac{Q_{st}}{\\lambda_1}\\mu\\Big),\\quad A = \\frac{Q_t K_{tt} - Q_{tt} K_{\\rm off}}{\\lambda_1} + T.$$

All kernels are arcsine kernels of the erf activation whose weight variances depend on $\\gamma$. Every order parameter multiplies a term of order $1/N_1$ in the action: as $N_1 \\to \\infty$ at fixed data, $Q_t \\to 1$ and $Q_{tt}, Q_{st} \\to 0$, the source data drop out, and the target is a fixed Gaussian-process (NNGP) predictor — transfer is ineffective in the lazy infinite-width limit. It works only when the hidden layer learns features, which it does at finite $\\alpha$.

## What to try

In **Error vs coupling**, start at the default related tasks ($\\rho = 0.9$): the error drops well below scratch and has a minimum at finite $\\gamma$. Set $\\rho = 0$ to see negative transfer at strong coupling. Compare the three widths on the same data: the wider the network, the smaller the gain. Lower $\\alpha_t$ to see that transfer matters most when target data are scarce. **Error vs task similarity** locates the overlap above which transfer pays. **Transfer vanishes at infinite width** follows one dataset from narrow networks to $N_1 = 10^4$, where $Q_{st}$ has all but vanished. Press run to sample the networks with Langevin dynamics and compare with the theory on the very same data.

## As implemented

*Sources.* The paper (arXiv 2407.07168, PRL 134, 177301) defines the transfer free energy as a single-instance Franz–Parisi potential: the source weights are quenched samples of the source posterior and the target is coupled to them by $(\\gamma/2)|W_s - W_t|^2$ (not divided by $T$). We could consult only the abstract and a third-party summary, not the full text; the theory implemented here is the derivation of our project spec (replica-symmetric, Gaussian-equivalence step as in Pacelli et al. 2023), which reproduces the abstract's claims and uses the four order parameters $Q_s, Q_t, Q_{tt}, Q_{st}$ named in the summary. Normalisations may differ from the paper's.

*Kernels.* With per-component weight moments $\\mathrm{var}_s = 1/\\lambda_0$, $\\mathrm{cov}_{st} = \\gamma/(\\lambda_0(\\lambda_0+\\gamma))$, $\\mathrm{cov}_{tt} = \\gamma^2/(\\lambda_0(\\lambda_0+\\gamma)^2)$, $\\mathrm{var}_t = 1/(\\lambda_0+\\gamma) + \\mathrm{cov}_{tt}$, every kernel is $K_{a,b,c}(x,x') = \\frac{2}{\\pi}\\arcsin\\frac{2c\\, x\\cdot x'/N_0}{\\sqrt{(1+2a|x|^2/N_0)(1+2b|x'|^2/N_0)}}$ (tested against Monte Carlo).

*Saddle point.* $Q_s$ by bounded Brent minimisation of $S$ in $\\log Q$ using the eigendecomposition of $K_{ss}$ (so $G = \\frac{Q_s}{\\lambda_1}K_{ss} + T$ is inverted for every width at no cost). $Q_{st}$ in closed form, $Q_{st} = \\frac{\\mu^\\top A^{-1} y_t/(N_1\\lambda_1)}{1/(Q_s(Q_t-Q_{tt})) + (\\mu^\\top A^{-1}\\mu - \\mathrm{Tr}\\,A^{-1}M)/(N_1\\lambda_1^2)}$ with $M = K_{ts}G^{-1}K_{st}$; $(Q_t, Q_{tt})$ as a root of the two stationarity equations (a saddle: maximum in $Q_t$, minimum in $Q_{tt}$), by damped Newton in $(\\log(Q_t - Q_{tt}), Q_{tt})$ with a finite-difference Jacobian refined by Broyden updates. Warm starts: each curve is solved as a continuation path; after a slider move each point starts from its previous solution shifted as its two neighbours moved (extrapolated along the curve), with the Jacobian stored at that point (about 4 evaluations per point, to a residual of $10^{-8}$); and a cold start uses width continuation from $N_1 = 10^5$, where the solution is exactly $(1, 0, 0)$ (the spec's $\\gamma$-continuation is the fallback). At $\\gamma = 0$ the equations reduce to Pacelli's (tested to $10^{-6}$). Generalisation error: $\\varepsilon_g$, the posterior-averaged test loss (error of the mean plus the posterior variance), on the same 200 test points that the simulation uses. A figure's curves cost 0.3 to 1 s after a slider move in the browser, more than a frame: while it is computed, the figure shows a preview blended from exact results at nearby slider positions (labelled as such), then the exact curve.

*Our choices.* Synthetic data (the paper uses real image tasks): linear teachers with exact overlap $\\rho$, Gaussian inputs, optional label noise. The theory is single-instance, so it is drawn for one dataset (the "dataset draw" slider) and the simulation samples the posterior on that same dataset: error bars are posterior-sampling noise only. The coupling slider is logarithmic and cannot reach 0; its left end $\\gamma = 10^{-3}$ differs from scratch by less than 1% (tested) and scratch itself is a separate curve and a separate simulated point. The width slider sets the data sizes ($P = \\alpha N_1$, $N_1 \\le 400$); the width figure holds the data fixed and follows the theory to $N_1 = 10^4$. The in-browser theory accepts $P_s \\le 800$, $P_t \\le 400$.

*Simulation.* Langevin dynamics in tfjs in temperature-scaled time, $W \\leftarrow W - \\eta(\\nabla_W L/T + \\lambda_0 W + \\gamma(W - W_s)) + \\sqrt{2\\eta}\\,\\xi$, with the readout redrawn exactly from its Gaussian conditional every 10 steps (Gibbs blocks; the spec's "gibbs" sampler redraws it every step). One source sample per seed (the last state of a burn-in-long chain from a prior draw, cached for all points of a figure), then a target chain started at $W_s$ (scratch: at a prior draw); the chains of a point's seeds run as one batch. After burn-in each measurement is Rao–Blackwellised over the readout: $E[f(x_0)\\mid W]$ and $\\mathrm{Var}[f(x_0)\\mid W]$ are exact given $W$. Only $\\varepsilon_g$ is compared with theory: the error of the mean needs many source samples.
`;
