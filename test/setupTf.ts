// Node has no WebGPU/WebGL: every unit test runs the engine on tfjs's CPU backend
// (with all gradients registered), exactly as the CLI does.
import { setupTfNode } from '../src/cli/tfNode';

await setupTfNode('cpu');
