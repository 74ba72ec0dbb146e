/** The workflow bundle's entry: every workflow type the worker registers. */
export { disputeCase } from './case/workflow';
export { departmentTask, resolutionRoute } from './routes/workflows';
export { batchDispatch } from './batch/workflow';
