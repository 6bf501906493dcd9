import { compareBridges } from './network-to-stdio.js';

compareBridges('streamable');
