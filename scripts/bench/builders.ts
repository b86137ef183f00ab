/**
 * Prints benchBuilders() as JSON on the last line of stdout, for scripts/bench.mjs
 * (which runs it in its own tsx process, so the site's TypeScript needs no build step).
 */
import {benchBuilders} from '../bench-builders';

benchBuilders()
  .then((rows) => console.log(JSON.stringify(rows)))
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
