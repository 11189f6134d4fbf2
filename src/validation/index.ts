/** Content validation: one entry point for the CLI, the build guard and the tests. */
export { validateContent, type ValidateOptions } from './read-tree.ts';
export { validateTree, type ContentFile, type ValidationReport } from './validate-tree.ts';
export { formatProblem, sortProblems, type Problem } from './problem.ts';
