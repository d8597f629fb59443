// Waits in component tests are for conditions; on a loaded 2-core machine a condition can take
// longer than the library's default second to come true, and a wait that gives up early is a flake.
import { configure } from '@testing-library/svelte';

configure({ asyncUtilTimeout: 10_000 });
