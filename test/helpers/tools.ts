import { readToolPaths } from '../../stack/tool-paths';

/** Tool paths written by `npm test`'s bootstrap (scripts/bootstrap.mjs --for-tests). */
export const testTools = () => readToolPaths('test');
