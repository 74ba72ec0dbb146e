import { defineQuery } from '@temporalio/workflow';
import { stateQueryName, type CaseState } from './names';

export * from './names';

export const stateQuery = defineQuery<CaseState>(stateQueryName);
