/** The chapter's article (KaTeX-typeset by the app). */
export const text =
  '\n' +
  String.raw`## The question` +
  '\n' +
  String.raw`You have a network trained on a data-rich source task. A related target task comes with only a few ` +
  String.raw`samples. Should you reuse the source network — keep its features and refit the last layer (linear ` +
  String.raw`transfer), or use it as the starting point of training (fine-tuning) — or train from scratch? And ` +
  String.raw`can you tell in advance by measuring how different the two tasks' data are?` +
  '\n\n' +
  String.raw`## The model in two sentences` +
  '\n' +
  String.raw`Inputs are isotropic Gaussians $x \sim \mathcal N(0, I_d)$ and each task is a noisy linear rule, $y ` +
  String.raw`= b \cdot x + \sigma\varepsilon$, with source teacher $b_s$ and target teacher $b_t = ` +
  String.raw`\|b_t\|(\cos\theta\, b_s + \sin\theta\, b_\perp)$. The learner is a deep linear network $f(x) = ` +
  String.raw`x^\top W_1 \cdots W_{L-1} w_L$ trained by gradient descent from a tiny initialisation, which on the ` +
  String.raw`source learns a single feature: the direction of $\hat b_s$.` +
  '\n\n' +
  String.raw`## What the theory predicts` +
  '\n' +
  String.raw`With $n_t = \gamma d$ target samples and $d \to \infty$, the excess errors $R = \|\hat b - b_t\|^2$ ` +
  String.raw`are (for a unit target teacher):` +
  '\n' +
  String.raw`$$R_{\text{scratch}} = (1-\gamma) + \frac{\sigma^2\gamma}{1-\gamma}\ (\gamma<1), \qquad ` +
  String.raw`R_{\text{scratch}} = \frac{\sigma^2}{\gamma-1}\ (\gamma>1)$$` +
  '\n' +
  String.raw`Linear transfer refits one scalar on the one pretrained feature, so its error does not depend ` +
  String.raw`on $\gamma$:` +
  '\n' +
  String.raw`$$R_{\text{LT}} = 1 - \frac{1+2\lambda}{(1+\lambda)^2}\cos^2\theta \;\xrightarrow{\lambda=0}\; ` +
  String.raw`\sin^2\theta$$` +
  '\n' +
  String.raw`Fine-tuning finds the interpolator closest to the pretrained vector, so it behaves like scratch ` +
  String.raw`training of the difference $b_t - \hat b_s$:` +
  '\n' +
  String.raw`$$R_{\text{FT}} = (1-\gamma)\,\|b_t - \hat b_s\|^2 + ` +
  String.raw`\frac{\sigma^2\gamma}{1-\gamma}\quad(\gamma<1)$$` +
  '\n' +
  String.raw`The transferability $\mathcal T = R_{\text{scratch}} - R_{\text{protocol}}$ is positive when ` +
  String.raw`transfer helps. Without noise, linear transfer helps below $\gamma^* = \cos^2\theta$, and ` +
  String.raw`fine-tuning helps exactly when $\|b_t - \hat b_s\| < \|b_t\|$ — for unit teachers, when $\theta < ` +
  String.raw`60°$ — whatever the amount of data below $\gamma = 1$.` +
  '\n\n' +
  String.raw`## Finite size near the peak` +
  '\n' +
  String.raw`The formulas are the $d \to \infty$ limit. For Gaussian inputs the min-norm interpolator's mean ` +
  String.raw`error is known exactly at any size: $\|b_t\|^2(1 - n_t/d) + \sigma^2 n_t/(d - n_t - 1)$ below the ` +
  String.raw`threshold and $\sigma^2 d/(n_t - d - 1)$ above. Away from $\gamma = 1$ the difference is ` +
  String.raw`negligible; near the peak it is not — at $d = 100$ and $\sigma = 0.2$ it exceeds 0.02 for $0.86 ` +
  String.raw`\lesssim \gamma \lesssim 1.17$. The learning-curve figure shades that band, and the error bars ` +
  String.raw`there grow because single draws are heavy-tailed. Gradient descent has its own limit near the peak: ` +
  String.raw`the smallest non-zero eigenvalue of $X^\top X/n_t$ vanishes at $\gamma = 1$, so reaching the ` +
  String.raw`interpolator takes ever more steps; trained-network points therefore stay out of $0.75 < \gamma < ` +
  String.raw`1.25$, and the exact estimators sample the peak.` +
  '\n\n' +
  String.raw`## Divergences do not predict transfer` +
  '\n' +
  String.raw`For two tasks with the same inputs and the same noise, every $\varphi$-divergence between their ` +
  String.raw`joint laws depends only on $\|b_t - b_s\|/\sigma$; for instance $\mathrm{KL} = \|b_t - ` +
  String.raw`b_s\|^2/2\sigma^2$. The feature geometry is what matters: rescaling the target teacher keeps the ` +
  String.raw`pretrained feature exactly right, while rotating it makes the feature wrong, at the same ` +
  String.raw`divergence. The third figure puts both families on one axis.` +
  '\n\n' +
  String.raw`## What to try` +
  '\n' +
  String.raw`Drag $\theta$ on the first figure: the crossover where scratch catches up with linear transfer ` +
  String.raw`slides towards $\gamma = 0$ as the tasks drift apart. Add label noise $\sigma$ and watch the ` +
  String.raw`double-descent peak at $\gamma = 1$ open a window where even a poor feature transfers well. On the ` +
  String.raw`phase diagram switch the protocol to fine-tuning to see the vertical boundary at $60°$. On the ` +
  String.raw`divergence figure set $\theta = 60°$: your point sits at distance 1, on the negative side, while ` +
  String.raw`the rescaled teacher at the same distance transfers strongly.` +
  '\n\n' +
  String.raw`## As implemented` +
  '\n' +
  String.raw`The scratch, linear-transfer and fine-tuning curves follow the authors' published plotting code ` +
  String.raw`(github.com/javantahir/features_are_fate); the finite-source statistics $q = \|\hat b_s\|^2$, $p = ` +
  String.raw`b_t\cdot\hat b_s$, the ridge with feature scale $s^2 = q^{(L-1)/L}$ and the divergence ` +
  String.raw`counter-example are derived for this explorable and checked by simulation (the paper's own ` +
  String.raw`divergence discussion was not available to us, so that figure is our construction in its spirit). ` +
  String.raw`Simulated points train the $L$-layer network by full-batch gradient descent in TensorFlow.js with ` +
  String.raw`the adaptive step $\eta = 0.4/(\lambda_{\max}(2X^\top X/n)\sum_l\|W_l\|^2)$ from a $10^{-5}$ ` +
  String.raw`initialisation, stopping within $10^{-6}$ of the least-squares loss; linear transfer refits the ` +
  String.raw`last layer in closed form, with the $\lambda$ of the slider, on the features the frozen layers ` +
  String.raw`learned: the directions of $W_1 \cdots W_{L-1}$ whose singular value is above $10^{-3}$ of the ` +
  String.raw`largest. The rest of the frozen layers is what remains of the $10^{-5}$ initialisation; a readout ` +
  String.raw`at $\lambda \approx 0$ would otherwise fit the labels through those tiny random directions, which ` +
  String.raw`is a random-feature model rather than the pretrained feature the theory describes. The "exact ` +
  String.raw`estimators" option computes the vectors gradient descent converges to — min-norm least squares, the ` +
  String.raw`one-feature ridge, and $\hat b_s + X^+(y - X\hat b_s)$ — in double precision. At finite $n_t$ ` +
  String.raw`linear transfer sits above the $d\to\infty$ line by about $(\|b_t\|^2 - \rho^2 + \sigma^2)/(n_t - ` +
  String.raw`2)$, visible at the smallest $\gamma$.` +
  '\n';
