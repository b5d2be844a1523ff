/** The chapter's article (KaTeX-typeset by the app). */
export const text =
  '\n' +
  String.raw`## The question` +
  '\n' +
  String.raw`A network pretrained on a data-rich source task is usually recycled by keeping all of its layers ` +
  String.raw`and retraining only the last one on the small target task. Is that the best choice? How many of the ` +
  String.raw`pretrained layers should you keep — all, a few, or none? And when several pretrained networks are ` +
  String.raw`available, which one should you start from?` +
  '\n\n' +
  String.raw`## The set-up in two sentences` +
  '\n' +
  String.raw`Both tasks are hidden-manifold tasks: a latent vector $c \sim \mathcal N(0, I_D)$ is embedded in ` +
  String.raw`the inputs as $x = \tanh(F^\top c/\sqrt D)$ and the label is $y = \mathrm{sign}(\theta\cdot c)$; ` +
  String.raw`the target is built from the source by changing the label rule, $\theta_t = ` +
  String.raw`\sqrt{1-\delta_\theta}\,\theta_s + \sqrt{\delta_\theta}\,\tilde\theta$, and/or the embedding, $F_t ` +
  String.raw`= \sqrt{1-\delta_F}\,F_s + \sqrt{\delta_F}\,\tilde F$ (the same data generator as the ` +
  String.raw`hidden-manifold chapter). The network is a fully connected tanh network with $L$ hidden layers, ` +
  String.raw`$h_0 = x$, $h_l = \tanh(h_{l-1} W_l)$, $f(x) = h_L\cdot w$, trained with the logistic loss.` +
  '\n\n' +
  String.raw`## The transfer protocol` +
  '\n' +
  String.raw`Pretrain the network on $P_s$ source samples. For a transfer depth $k = 0, 1, \dots, L$, copy the ` +
  String.raw`first $k$ hidden layers $W_1, \dots, W_k$ into a new network, draw the other layers and the readout ` +
  String.raw`afresh, and train on the $P_t$ target samples:` +
  '\n' +
  String.raw`$$\text{frozen: } W_1..W_k \text{ fixed}, \qquad \text{fine-tuned: } W_1..W_k \text{ trained with a ` +
  String.raw`smaller learning rate.}$$` +
  '\n' +
  String.raw`$k = 0$ is training from scratch; $k = L$ (frozen) is the usual recipe, a new readout on the source ` +
  String.raw`features. The optimal transfer depth is` +
  '\n' +
  String.raw`$$k^* = \arg\min_k \ \varepsilon_{\text{test}}(k).$$` +
  '\n\n' +
  String.raw`## No theory, only networks` +
  '\n' +
  String.raw`There is no closed-form theory for deep nonlinear networks in this set-up, and none is drawn here: ` +
  String.raw`every point is the test error of networks really trained in your browser, averaged over seeds with ` +
  String.raw`standard-error bars. The intuition the simulations support is this. On hidden-manifold data the ` +
  String.raw`first layers learn to undo the embedding $F$ — to find the latent manifold — and the last layers ` +
  String.raw`compute the rule $\theta$. Changing the rule ($\delta_\theta$) leaves the first layers reusable and ` +
  String.raw`spoils the last ones; changing the embedding ($\delta_F$) spoils the first ones too.` +
  '\n\n' +
  String.raw`## Choosing a source by comparing representations` +
  '\n' +
  String.raw`To pick among candidate sources without training a transfer from each, train one small network from ` +
  String.raw`scratch on the target set (it over-fits, but its layers still carry information about the target), ` +
  String.raw`feed the same $M$ target inputs through it and through each source network, and compare the two ` +
  String.raw`representations layer by layer. The headline measure is the neighbourhood overlap: with $N^A(i)$ ` +
  String.raw`the $k_{nn}$ nearest neighbours of input $i$ in representation $A$ (among the $M$ probe inputs),` +
  '\n' +
  String.raw`$$\chi(A,B) = \frac{1}{M}\sum_{i=1}^{M} \frac{|N^A(i) \cap N^B(i)|}{k_{nn}},$$` +
  '\n' +
  String.raw`which is 1 when both representations have the same local neighbourhoods (whatever rotation or scale ` +
  String.raw`separates them) and about $k_{nn}/(M-1)$ when they are unrelated. For comparison you can switch to ` +
  String.raw`linear CKA, $\|\tilde A^\top \tilde B\|_F^2 / (\|\tilde A^\top \tilde A\|_F\,\|\tilde B^\top \tilde ` +
  String.raw`B\|_F)$ on column-centred representations, or to the information imbalance $\Delta(A\to B) = ` +
  String.raw`\frac{2}{M}\langle r^B_{i, j_A(i)}\rangle_i$, the average rank in $B$ of each point's nearest ` +
  String.raw`neighbour in $A$ (0: $A$ predicts $B$; 1: no information).` +
  '\n\n' +
  String.raw`## What to try` +
  '\n' +
  String.raw`On the first figure keep the rule change small ($\delta_\theta = 0.1$) and compare the three ` +
  String.raw`curves: with $P_t/4$ samples copying two or three layers beats scratch by far; with $4P_t$ samples ` +
  String.raw`the optimum moves to the first layer and copying every layer is the worst option. Raise ` +
  String.raw`$\delta_\theta$ to 0.6: copying all layers now hurts at every size while the first layer stays ` +
  String.raw`harmless. Set $\delta_\theta = 0$ and $\delta_F = 0.6$: the source's first layers are tuned to a ` +
  String.raw`different embedding and transfer hurts from the first copied layer on. Switch the protocol to ` +
  String.raw`"both" to see fine-tuning remove most of the damage of deep copies. The map scans rule changes and ` +
  String.raw`target sizes: with the same rule, copying three or four layers wins at every target size it shows ` +
  String.raw`(all smaller than the source's $P_s$), and a rule change of 0.25 already pulls $k^*$ down to about ` +
  String.raw`one layer. On the source-selection figure the most similar representations belong to the source ` +
  String.raw`that transfers best: check the rank agreement readout, then try CKA and the information imbalance, ` +
  String.raw`and the profile figure to see where the candidates separate.` +
  '\n\n' +
  String.raw`## As implemented` +
  '\n' +
  String.raw`From the paper (its abstracts — the full text was not available to us): the "defrosting" protocol ` +
  String.raw`of transferring the first $k$ layers, the finding that the optimal depth depends on the amount of ` +
  String.raw`target data and on the source–target similarity and is often just the first layers, the use of ` +
  String.raw`established representation-similarity measures, and the idea of choosing a source by comparing a ` +
  String.raw`scratch target network with each candidate. Ours: the concrete data model (the correlated ` +
  String.raw`hidden-manifold generator with the knobs $\delta_\theta$, $\delta_F$), the architecture (no biases, ` +
  String.raw`LeCun-normal initialisation), full-batch Adam (learning rate 0.01, $\lambda = 10^{-4}$ weight ` +
  String.raw`decay, no early stopping), the fine-tuning learning-rate factor 0.1, one fresh initialisation per ` +
  String.raw`(seed, $P_t$) shared by every $k$ so that the curves differ only by what was transferred, and which ` +
  String.raw`similarity measure is the headline. The neighbourhood overlap is our reading of what the authors' ` +
  String.raw`group habitually uses; if the paper uses another measure, this is where we differ. Sizes are scaled ` +
  String.raw`down from the specification so that a figure trains in about a minute in the browser: $N = 24$ ` +
  String.raw`inputs, $D = 8$ latent factors, width 24, $L = 4$, $P_s = 1500$ source samples and 250 Adam steps ` +
  String.raw`for both source and target (the specification: $N = 40$, $D = 10$, width 40, $P_s = 3000$, 400/300 ` +
  String.raw`steps, 3000 test samples; we use 2000). At this size the last source layer is more specialised than ` +
  String.raw`in the specification's reference runs, so copying all four layers is rarely optimal even at ` +
  String.raw`$\delta_\theta = 0.1$; $k^*$ moves from about 2 to about 1 as $P_t$ grows from 30 to 480. The map ` +
  String.raw`shows the seed average of each seed's own $k^*$ on a 4×4 grid, and the map and the two ` +
  String.raw`source-selection figures use at most 2 seeds. The source-selection figure plots the best ` +
  String.raw`frozen-transfer error minus the scratch error, paired seed by seed, so that the shared scratch ` +
  String.raw`baseline is the zero line. Test error is measured on fresh target samples with clean labels.` +
  '\n';
