import { quickstart } from './quickstart';

await quickstart();
