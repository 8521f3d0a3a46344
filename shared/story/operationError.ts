/** An operation that does not fit the project (unknown node, a value out of range…). Its message is for the writer. */
export class OperationError extends Error {}
