import { VereinConfig } from './config.js';

VereinConfig.define();
