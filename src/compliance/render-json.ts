import type { RunModel } from './run-model';

/** compliance.json: the model itself, two-space indented, ending in a newline. */
export const renderJson = (model: RunModel): string => `${JSON.stringify(model, null, 2)}\n`;
