/**
 * The components an entry's MDX may use: pass `entryComponents` to
 * `<Content components={entryComponents} />`. The names, props and rules live in
 * `allowed.ts` so the validator (plain Node, no `.astro` imports) checks the same list.
 */
import Callout from './Callout.astro';
import Figure from './Figure.astro';
import Quote from './Quote.astro';
import type { AllowedComponent } from './allowed.ts';

export { ALLOWED_COMPONENTS, COMPONENT_SPECS, CALLOUT_TYPES, type AllowedComponent } from './allowed.ts';

/** Exactly the allowed components: `satisfies` fails type-checking if the two lists drift. */
export const entryComponents = { Callout, Figure, Quote } satisfies Record<AllowedComponent, unknown>;
