/** The chapter's article text (plain text, blank-line paragraphs, `## ` headings, $TeX$). */
export const text =
  `## The question` +
  '\n\n' +
  `A network has been trained on a data-rich source task. A second network has to learn a related target task ` +
  `from few examples, and we tie its first layer to the source network's with an elastic spring of stiffness ` +
  `$\\gamma$. When does the spring help, how strong should it be, and why does the benefit disappear when the ` +
  `networks are very wide?` +
  '\n\n' +
  `## The model` +
  '\n\n' +
  `Both networks have one hidden layer of $N_1$ erf units, $f(x) = \\frac{1}{\\sqrt{N_1}} \\sum_i v_i ` +
  `\\,\\mathrm{erf}(w_i \\cdot x/\\sqrt{N_0})$, Gaussian priors of precisions $\\lambda_0, \\lambda_1$ and a ` +
  `Bayesian posterior at temperature $T$. The source network $W_s$ is one sample of its posterior on $P_s$ ` +
  `source examples; the target network is sampled from` +
  '\n\n' +
  `$$p(W, v \\mid W_s) \\propto \\exp\\Big(-\\tfrac{1}{T} L_t(W, v) - \\tfrac{\\lambda_0}{2}|W|^2 - ` +
  `\\tfrac{\\lambda_1}{2}|v|^2 - \\tfrac{\\gamma}{2}|W - W_s|^2\\Big)$$` +
  '\n\n' +
  `on $P_t$ target examples. $\\gamma = 0$ is training from scratch, $\\gamma \\to \\infty$ freezes the source ` +
  `features and re-learns only the readout. The tasks are two linear teachers on Gaussian inputs whose overlap ` +
  `$\\rho$ measures how related they are.` +
  '\n\n' +
  `## What the theory predicts` +
  '\n\n' +
  `In the proportional limit ($P$ and $N_1$ large, $\\alpha = P/N_1$ finite) the target predictor is a kernel ` +
  `predictor whose kernel is renormalised by a few scalar order parameters. The source network alone is the ` +
  `renormalised-kernel theory of Pacelli et al.: its readout kernel is rescaled by $Q_s$, the minimiser of` +
  '\n\n' +
  `$$S(Q) = Q - \\log Q + \\frac{1}{N_1}\\Big[\\log\\det\\big(T + \\tfrac{Q}{\\lambda_1}K_{ss}\\big) + y_s^\\top ` +
  `\\big(T + \\tfrac{Q}{\\lambda_1}K_{ss}\\big)^{-1} y_s\\Big].$$` +
  '\n\n' +
  `The coupled target needs three more: $Q_t$ (its own kernel), $Q_{tt}$ (the part it shares with other target ` +
  `samples through the same source) and $Q_{st}$, the weight of the **source–target kernel** $K_{ts}$ through ` +
  `which the source's fit $\\mu = K_{ts} G^{-1} y_s$ enters the target's prediction:` +
  '\n\n' +
  `$$\\bar f(x_0) = \\frac{Q_{st}}{\\lambda_1} K_{0s} G^{-1} y_s + k_\\xi(x_0)^\\top A^{-1}\\Big(y_t - ` +
  `\\frac{Q_{st}}{\\lambda_1}\\mu\\Big),\\quad A = \\frac{Q_t K_{tt} - Q_{tt} K_{\\rm off}}{\\lambda_1} + T.$$` +
  '\n\n' +
  `All kernels are arcsine kernels of the erf activation whose weight variances depend on $\\gamma$. Every order ` +
  `parameter multiplies a term of order $1/N_1$ in the action: as $N_1 \\to \\infty$ at fixed data, $Q_t \\to 1$ ` +
  `and $Q_{tt}, Q_{st} \\to 0$, the source data drop out, and the target is a fixed Gaussian-process (NNGP) ` +
  `predictor — transfer is ineffective in the lazy infinite-width limit. It works only when the hidden layer ` +
  `learns features, which it does at finite $\\alpha$.` +
  '\n\n' +
  `## What to try` +
  '\n\n' +
  `In **Error vs coupling**, start at the default related tasks ($\\rho = 0.9$): the error drops well below ` +
  `scratch and has a minimum at finite $\\gamma$. Set $\\rho = 0$ to see negative transfer at strong coupling. ` +
  `Compare the three widths on the same data: the wider the network, the smaller the gain. Lower $\\alpha_t$ to ` +
  `see that transfer matters most when target data are scarce. **Error vs task similarity** locates the overlap ` +
  `above which transfer pays. **Transfer vanishes at infinite width** follows one dataset from narrow networks ` +
  `to $N_1 = 10^4$, where $Q_{st}$ has all but vanished. Press run to sample the networks with Langevin dynamics ` +
  `and compare with the theory on the very same data.` +
  '\n\n' +
  `## As implemented` +
  '\n\n' +
  `*Sources.* The paper (arXiv 2407.07168, PRL 134, 177301) defines the transfer free energy as a ` +
  `single-instance Franz–Parisi potential: the source weights are quenched samples of the source posterior and ` +
  `the target is coupled to them by $(\\gamma/2)|W_s - W_t|^2$ (not divided by $T$). We could consult only the ` +
  `abstract and a third-party summary, not the full text; the theory implemented here is our own derivation ` +
  `(replica-symmetric, Gaussian-equivalence step as in Pacelli et al. 2023), which reproduces the abstract's ` +
  `claims and uses the four order parameters $Q_s, Q_t, Q_{tt}, Q_{st}$ named in the summary. Normalisations may ` +
  `differ from the paper's.` +
  '\n\n' +
  `*Kernels.* With per-component weight moments $\\mathrm{var}_s = 1/\\lambda_0$, $\\mathrm{cov}_{st} = ` +
  `\\gamma/(\\lambda_0(\\lambda_0+\\gamma))$, $\\mathrm{cov}_{tt} = ` +
  `\\gamma^2/(\\lambda_0(\\lambda_0+\\gamma)^2)$, $\\mathrm{var}_t = 1/(\\lambda_0+\\gamma) + ` +
  `\\mathrm{cov}_{tt}$, every kernel is $K_{a,b,c}(x,x') = \\frac{2}{\\pi}\\arcsin\\frac{2c\\, x\\cdot ` +
  `x'/N_0}{\\sqrt{(1+2a|x|^2/N_0)(1+2b|x'|^2/N_0)}}$ (tested against Monte Carlo).` +
  '\n\n' +
  `*Saddle point.* $Q_s$ by bounded Brent minimisation of $S$ in $\\log Q$ using the eigendecomposition of ` +
  `$K_{ss}$ (so $G = \\frac{Q_s}{\\lambda_1}K_{ss} + T$ is inverted for every width at no cost). $Q_{st}$ in ` +
  `closed form, $Q_{st} = \\frac{\\mu^\\top A^{-1} y_t/(N_1\\lambda_1)}{1/(Q_s(Q_t-Q_{tt})) + (\\mu^\\top ` +
  `A^{-1}\\mu - \\mathrm{Tr}\\,A^{-1}M)/(N_1\\lambda_1^2)}$ with $M = K_{ts}G^{-1}K_{st}$; $(Q_t, Q_{tt})$ as a ` +
  `root of the two stationarity equations (a saddle: maximum in $Q_t$, minimum in $Q_{tt}$), by damped Newton in ` +
  `$(\\log(Q_t - Q_{tt}), Q_{tt})$ with a finite-difference Jacobian refined by Broyden updates. Warm starts: ` +
  `each curve is solved as a continuation path; after a slider move each point starts from its previous solution ` +
  `shifted as its two neighbours moved (extrapolated along the curve), with the Jacobian stored at that point ` +
  `(about 4 evaluations per point, to a residual of $10^{-8}$); and a cold start uses width continuation from ` +
  `$N_1 = 10^5$, where the solution is exactly $(1, 0, 0)$ ($\\gamma$-continuation from $\\gamma = 10^{-3}$ is ` +
  `the fallback). At $\\gamma = 0$ the equations reduce to Pacelli's (tested to $10^{-6}$). Generalisation ` +
  `error: $\\varepsilon_g$, the posterior-averaged test loss (error of the mean plus the posterior variance), on ` +
  `the same 200 test points that the simulation uses. A figure's curves cost 0.3 to 1 s after a slider move in ` +
  `the browser, more than a frame: while it is computed, the figure shows a preview blended from exact results ` +
  `at nearby slider positions (labelled as such), then the exact curve.` +
  '\n\n' +
  `*Our choices.* Synthetic data (the paper uses real image tasks): linear teachers with exact overlap $\\rho$, ` +
  `Gaussian inputs, optional label noise. The theory is single-instance, so it is drawn for one dataset (the ` +
  `"dataset draw" slider) and the simulation samples the posterior on that same dataset. The coupling slider is ` +
  `logarithmic and cannot reach 0; its left end $\\gamma = 10^{-3}$ differs from scratch by less than 1% ` +
  `(tested) and scratch itself is a separate curve and a separate simulated point. The width slider sets the ` +
  `data sizes ($P = \\alpha N_1$, $N_1 \\le 400$); the width figure holds the data fixed and follows the theory ` +
  `to $N_1 = 10^4$. The in-browser theory accepts $P_s \\le 800$, $P_t \\le 400$.` +
  '\n\n' +
  `*Simulation.* Posterior samples in tfjs, in temperature-scaled time. The readout is Gaussian given the first ` +
  `layer, so it is integrated out exactly: the chains sample the first layer alone from its marginal posterior, ` +
  `whose potential is the readout's minimised loss plus $\\frac12\\log\\det$ of its posterior precision (an ` +
  `$N_1\\times N_1$ Cholesky factorisation per step), by Metropolis-adjusted Langevin steps. (Earlier versions ` +
  `redrew the readout every 10 steps and moved the first layer given it; at $T = 0.01$ the two are so tightly ` +
  `tied that this alternation crawls: the collapsed chains take steps six times larger and their test loss ` +
  `decorrelates four times faster.) The Gaussian part of the posterior, $\\frac{\\lambda_0}{2}|W|^2 + ` +
  `\\frac{\\gamma}{2}|W - W_s|^2$, is integrated exactly (an Ornstein–Uhlenbeck step), the data force (the ` +
  `gradient of the marginal potential) enters as an Euler step, and a Metropolis test accepts or rejects the ` +
  `move, so the chain samples the posterior exactly whatever its step. Each chain tunes its step during burn-in ` +
  `towards 60% acceptance, and a hidden unit $i$ takes a step smaller by $1/(1 + c\\,E[v_i^2 \\mid W])$, because ` +
  `its data curvature grows as $v_i^2$ (set during burn-in, then frozen). One source sample per seed (the last ` +
  `state of a chain from a prior draw, three times the burn-in long, cached for all points of a figure, kept ` +
  `for the next visit, and shipped with the app at the defaults), then two target chains, one started at $W_s$ ` +
  `and one at a fresh prior draw (scratch: three, all at prior draws); the seed's $\\varepsilon_g$ is the mean ` +
  `of its chains', which run as one batch. After burn-in each measurement is Rao–Blackwellised over the ` +
  `readout: $E[f(x_0)\\mid W]$ and ` +
  `$\\mathrm{Var}[f(x_0)\\mid W]$ are exact given $W$, so each measurement gives the exact test loss $\\langle ` +
  `E[(y_0 - f)^2 \\mid W]\\rangle$ of that first layer and $\\varepsilon_g$ is their mean. Only $\\varepsilon_g$ ` +
  `is compared with theory: the error of the mean needs many source samples. Error bars are standard errors over ` +
  `seeds, that is over source samples as well as over the target chains: for unrelated teachers and a strong ` +
  `coupling the error depends a good deal on which source sample the target is tied to. Two seeds' spread alone ` +
  `can be tiny by chance (it has one degree of freedom), so a bar is never smaller than the seeds' own errors: ` +
  `each seed's is the larger of its chains' Monte Carlo errors (from their effective sample sizes) and the ` +
  `spread between its chains.` +
  '\n\n' +
  `*Convergence.* The two target chains of a source sample are tested together on their measured windows (20 ` +
  `measurements each, one every 10 steps, by default): their between-chain split-$\\hat R$ must be below 1.1. ` +
  `Because the two chains start far apart, a chain held near its start by a slow mode shows as a disagreement ` +
  `between them, which one chain's own split-$\\hat R$ cannot see. A pair that fails runs on, the first half of ` +
  `its windows becoming burn-in, up to one more window; a notice says when that cap is reached, and the readouts ` +
  `give the largest between-chain $\\hat R$ and the largest gap between a pair's two errors. At the defaults ` +
  `some pairs still disagree by a few hundredths at the cap: the seed's value is then the mean of two chains ` +
  `that approach the posterior from either side, and its error bar includes their gap. Scratch chains mix ` +
  `slowest: at $P_t = N_1$ the readout just interpolates, the test loss of a first layer swings by about 0.05 ` +
  `from one sample to the next, and one chain's average over a few hundred steps scatters by about 0.04 from ` +
  `chain to chain, twice what its effective sample size says. Only more chains average that out, so a scratch ` +
  `seed runs three; their $\\hat R$ often stays above 1.1 at the cap, and the notice says so.` +
  '\n\n' +
  `*Source chain length.* The source network's feature learning is a slow direction of its posterior that its ` +
  `training misfit does not show. With source chains as long as the burn-in (500 steps), the target error at ` +
  `$\\rho = 1$, $\\gamma = 10$ came out 0.206 ± 0.009 over four seeds against the theory's 0.150; with chains ` +
  `five times as long, 0.152 ± 0.004. Under-trained sources push the points above the theory where the source ` +
  `helps and below it where it hurts, so the source chains run three times the burn-in (900 steps at the ` +
  `defaults, which the collapsed sampler.s larger steps make about as long in temperature-scaled time as the ` +
  `earlier 2400).` +
  '\n\n' +
  `*What changed, and why.* Earlier versions moved the first layer by unadjusted Langevin steps of $\\eta = ` +
  `0.005$. For unrelated teachers the readout grows large, the first layer's data directions become stiff ` +
  `(curvature $\\propto v_i^2/T$) and an unadjusted step inflates the fluctuations along them: at $\\rho = 0$, ` +
  `$\\gamma = 10$ the points sat about 0.1 above the theory, while at $\\rho \\approx 0.9$ the bias was within ` +
  `the error bars. With the same four source samples, halving the step of the target chains moved their mean ` +
  `from 0.546 to 0.435, and halving it again to 0.432 (theory 0.465): a discretisation bias, not slow mixing or ` +
  `a wrong source. A strong coupling added a second one (an Euler step of the elastic force with ` +
  `$\\eta(\\lambda_0 + \\gamma) = 0.5$ at $\\gamma = 100$ inflates the fluctuations around $W_s$ by a third) and ` +
  `$\\gamma = 1000$ was unstable. The exact Ornstein–Uhlenbeck step and the Metropolis test remove both; the ` +
  `tuned steps come out at about $10^{-3}$ for the source chains and $2\\cdot 10^{-3}$ for the target chains at ` +
  `the defaults, which confirms that 0.005 was too large.` +
  '\n';
