#!/usr/bin/env node
import { VERSION } from './version';

console.log(`omnisync ${VERSION}`);
