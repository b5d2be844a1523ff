// Node has no WebGPU/WebGL: register tfjs's CPU backend once for every test file.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

await tf.setBackend('cpu');
await tf.ready();
