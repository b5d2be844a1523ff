/** The chapter's article text (plain text, blank-line paragraphs, `## ` headings, KaTeX). */
export const text =
  String.raw`You have a network trained on a data-rich task and a related task with little data. Should you keep ` +
  String.raw`the network's features and only retrain the last layer, fine-tune everything, or start from ` +
  String.raw`scratch? This chapter builds two tasks whose relatedness you control knob by knob, and compares the ` +
  String.raw`options with simulations and, for frozen features, an exact high-dimensional theory.` +
  '\n\n' +
  String.raw`## The model` +
  '\n\n' +
  String.raw`Each task lives on a hidden manifold: a latent Gaussian vector $c \in \mathbb{R}^D$ is embedded ` +
  String.raw`into $N$ input dimensions by $x = \tanh(F^\top c/\sqrt D)$, and the label is $y = ` +
  String.raw`\mathrm{sign}(\theta \cdot c/\sqrt D)$. The target is made from the source by perturbing the ` +
  String.raw`embedding, $F_t = \sqrt{1-\delta_F}\,F_s + \sqrt{\delta_F}\,\tilde F$, perturbing the rule, ` +
  String.raw`$\theta_t = \sqrt{1-\delta_\theta}\,\theta_s + \sqrt{\delta_\theta}\,\tilde\theta$, replacing a ` +
  String.raw`fraction $f_{\rm sub}$ of the latent features, or adding and removing latent directions ($D_t = ` +
  String.raw`D_s(1+\delta_D)$).` +
  '\n\n' +
  String.raw`A two-layer network $f(x) = v\cdot g(Wx/\sqrt N)/\sqrt K$ with $g(z) = \mathrm{erf}(z/\sqrt2)$ is ` +
  String.raw`pretrained on $\alpha_s N$ source samples. On $P = \alpha N$ target samples we compare four ` +
  String.raw`protocols: **transfer** (freeze the source's $W$, fit a new ridge readout), **random features** ` +
  String.raw`(the same with a random, untrained $W$), **scratch** (train the whole network on the target) and ` +
  String.raw`**fine-tuning** (start from the source network and train everything).` +
  '\n\n' +
  String.raw`## What the theory says` +
  '\n\n' +
  String.raw`With $W$ frozen, the readout is a convex problem on fixed features $v = g(Wx/\sqrt N)$. In high ` +
  String.raw`dimensions its test error depends on the features only through a Gaussian surrogate with the same ` +
  String.raw`second moments. Which moments matters. The classic choice keeps $\Omega = \mathbb{E}[vv^\top]$ and ` +
  String.raw`the correlation with the latent vector, $\Phi = \mathbb{E}[v c^\top]$, and treats the label as ` +
  String.raw`$\mathrm{sign}$ of a Gaussian field. A source network that has learned the rule has features that ` +
  String.raw`are themselves sign-like functions of that field, which this surrogate cannot represent: at $N = ` +
  String.raw`50$ it puts the transfer error 0.02–0.03 above the simulation of the very same network. The chapter ` +
  String.raw`therefore uses the label-conditioned surrogate: features are Gaussian given the label, $v = \mu y + ` +
  String.raw`g$ with class mean $\mu = \mathbb{E}[v\,y]$ and $\mathbb{E}[vv^\top] = \Omega$. Writing $\omega_i$ ` +
  String.raw`for the eigenvalues of $\Omega$ and $t_i$ for the squared projections of $\mu$ on its eigenvectors, ` +
  String.raw`three scalar overlaps $(V, q, m)$ solve` +
  '\n' +
  String.raw`$$\hat V = \frac{\alpha_p}{1+V},\quad \hat q = \frac{\alpha_p(1+q-2\kappa m)}{(1+V)^2},\quad \hat m ` +
  String.raw`= \frac{\kappa\alpha_p\sqrt{K}}{1+V},$$` +
  '\n' +
  String.raw`$$V = \Big\langle \frac{\omega_i}{\lambda+\hat V\omega_i}\Big\rangle,\quad q = ` +
  String.raw`\Big\langle\frac{\hat q\,\omega_i^2 + \hat m^2\omega_i t_i}{(\lambda+\hat ` +
  String.raw`V\omega_i)^2}\Big\rangle,\quad m = \hat m\sqrt{K}\Big\langle\frac{t_i}{\lambda+\hat ` +
  String.raw`V\omega_i}\Big\rangle,$$` +
  '\n' +
  String.raw`with $\alpha_p = P/K$ and $\kappa = 1-2\eta$, and the test error is $\varepsilon = ` +
  String.raw`\tfrac12\,\mathrm{erfc}\big(m/\sqrt{2(q-m^2)}\big)$. Transferred features put a large class mean on ` +
  String.raw`a few directions (the source already found the rule), so the error starts low; but a fixed feature ` +
  String.raw`map limits how low it can go, while a network trained from scratch keeps improving. Hence a ` +
  String.raw`crossover, which moves to smaller $\alpha$ as the tasks drift apart, and negative transfer when ` +
  String.raw`they are only weakly related.` +
  '\n\n' +
  String.raw`## What to try` +
  '\n\n' +
  String.raw`On the learning curves, start from identical tasks and raise $\delta_\theta$: the transfer curve ` +
  String.raw`lifts and the scratch points overtake it earlier. In the gain figure, compare the four knobs at the ` +
  String.raw`same $\alpha$. In the map, find where the zero line sits and how it moves with $\lambda$ or ` +
  String.raw`$\alpha_s$. Add label noise $\eta$ and compare how much each protocol loses. In the finite-size ` +
  String.raw`figure, see how far each Gaussian surrogate is from the simulation as $N$ grows.` +
  '\n\n' +
  String.raw`## As implemented` +
  '\n\n' +
  String.raw`From the paper (Gerace, Saglietti, Sarao Mannelli, Saxe, Zdeborová): the hidden-manifold ` +
  String.raw`construction, the three families of correlations, the four protocols and the use of ` +
  String.raw`Gaussian-equivalence theory for frozen features. Ours (not checked against the paper's text): the ` +
  String.raw`exact parametrisation of the knobs, the order in which they are applied (feature perturbation, ` +
  String.raw`teacher perturbation, substitution, then dimension change), the ridge readout with the saddle-point ` +
  String.raw`equations above and the label-conditioned surrogate (derived and tested against finite-size ` +
  String.raw`simulations), and the training recipe (full-batch Adam with learning rate 0.02, logistic loss, L2 ` +
  String.raw`$10^{-3}$ in sum form; fine-tuning at learning rate 0.005).` +
  '\n\n' +
  String.raw`Sizes are scaled down so that a learning curve with 5 seeds × 8 values of $\alpha$ finishes in ` +
  String.raw`seconds in the browser: $N = 50$, $K = N$, $D_s = N/2$, 150 Adam steps for the source and scratch ` +
  String.raw`networks, 60 for fine-tuning, 2000 test samples, simulated $\alpha$ up to 4. Raise $N$ and the step ` +
  String.raw`counts in the simulation controls for larger sizes. Label noise flips target training labels only; ` +
  String.raw`test error is always against the clean rule.` +
  '\n\n' +
  String.raw`Theory and simulation describe the same instance. Each figure has one draw of the tasks, one source ` +
  String.raw`network (trained in plain float64 code, identical in the theory and in the simulation) and one ` +
  String.raw`random first layer; the theory is computed for exactly these, and every simulated seed reuses them ` +
  String.raw`and draws only its own target training and test sets (and, for the scratch network, its own ` +
  String.raw`initialisation). The error bars are therefore the spread over target data, not over source ` +
  String.raw`networks: at $N = 50$ the transfer error of different draws of the tasks and the source network ` +
  String.raw`spreads from 0.16 to 0.26 at $\alpha = 0.3$, which is why an earlier version, whose theory ` +
  String.raw`described one network while each seed trained its own, missed by up to 0.05. The "seed" of the link ` +
  String.raw`changes the target data, not the source network. Each frozen-feature point averages 4 training ` +
  String.raw`sets per seed.` +
  '\n\n' +
  String.raw`What remains is finite size. At $N = 50$ the simulated errors sit 0 to 0.015 above the theory (a ` +
  String.raw`mean over finite training sets lies above the typical value the theory describes). The finite-size ` +
  String.raw`figure shows both surrogates' gaps against $N$ from 20 to 400: the sign-teacher gap falls from ` +
  String.raw`about 0.05 to about 0.01 by $N \approx 110$ and then levels off (a fit of $N^{-a}$ gives ` +
  String.raw`$a \approx 0.75$, loosely), while the label-conditioned theory stays within about 0.013 of the ` +
  String.raw`simulation at every size measured; a residual of 0.003 to 0.011 remains at $N = 200$ to 400. There is ` +
  String.raw`no theory for scratch training or fine-tuning; the map's colour and rings ` +
  String.raw`compare transfer with random features. The readout on frozen features is ridge by default (solved ` +
  String.raw`in closed form); a logistic readout, $\min_w \sum_\mu \log(1+e^{-y_\mu w\cdot\phi_\mu}) + ` +
  String.raw`\tfrac{\lambda}{2}|w|^2$, solved by Newton's method, can be chosen for the simulations. Its theory ` +
  String.raw`is not verified, so with that readout the chart shows simulations only and says so.`;
