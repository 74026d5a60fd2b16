// Compiled by test/types.test.js with tsc --noEmit: the public types fit the generated ones.
import { AnnotationClient, AnnotationError, spansToRanges } from '../index.js';
import type { AnnotateResponse, Actor } from '../index.js';

export async function highlight(root: HTMLElement): Promise<number> {
  const client = new AnnotationClient({ baseUrl: 'http://127.0.0.1:8000', timeoutMs: 5000 });
  try {
    const answer: AnnotateResponse = await client.annotate(root.textContent ?? '', { layers: ['actors'] });
    const actors: Actor[] = answer.actors ?? [];
    const salience: number = actors[0]?.salience ?? 0;
    const hash: string = answer.text_sha256;
    return spansToRanges(root, actors.flatMap((actor) => actor.mentions)).length + salience + hash.length;
  } catch (error) {
    if (error instanceof AnnotationError) return error.problem.status;
    throw error;
  }
}
