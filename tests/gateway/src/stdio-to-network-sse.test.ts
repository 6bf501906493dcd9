import { compareGateways } from './stdio-to-network.js';

compareGateways('sse');
