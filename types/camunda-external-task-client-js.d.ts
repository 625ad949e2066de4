// Declarations for camunda-external-task-client-js 3.1 (ESM-only, no bundled types; @types is stale).
// Only what workers/runtime.ts uses is declared.
declare module 'camunda-external-task-client-js' {
  export interface TypedValue {
    type: string;
    value: unknown;
    valueInfo?: Record<string, unknown>;
  }

  export class Variables {
    constructor();
    get(name: string): unknown;
    getTyped(name: string): TypedValue | undefined;
    getAll(): Record<string, unknown>;
    getAllTyped(): Record<string, TypedValue>;
    set(name: string, value: unknown): this;
    setTyped(name: string, typed: TypedValue): this;
    setAll(values: Record<string, unknown>): this;
  }

  export interface Task {
    id: string;
    topicName: string;
    workerId: string;
    activityId: string;
    activityInstanceId: string;
    processInstanceId: string;
    processDefinitionId: string;
    processDefinitionKey: string;
    businessKey: string | null;
    retries: number | null;
    errorMessage: string | null;
    lockExpirationTime: string;
    variables: Variables;
  }

  export interface HandleFailureOptions {
    errorMessage: string;
    errorDetails?: string;
    retries: number;
    retryTimeout: number;
  }

  export interface TaskService {
    complete(task: Task, variables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: Task, options: HandleFailureOptions): Promise<void>;
    handleBpmnError(
      task: Task,
      errorCode: string,
      errorMessage?: string,
      variables?: Variables,
    ): Promise<void>;
    extendLock(task: Task, newDuration: number): Promise<void>;
    unlock(task: Task): Promise<void>;
  }

  export interface HandlerArgs {
    task: Task;
    taskService: TaskService;
  }

  export interface SubscribeOptions {
    lockDuration?: number;
    variables?: string[];
    processDefinitionKey?: string;
  }

  export interface Interceptor {
    (config: Record<string, unknown>): Record<string, unknown>;
  }

  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    maxParallelExecutions?: number;
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    usePriority?: boolean;
    interceptors?: Interceptor | Interceptor[];
    use?: ((client: Client) => void) | Array<(client: Client) => void>;
  }

  export class Client {
    constructor(options: ClientOptions);
    options: ClientOptions & { interval: number };
    subscribe(
      topic: string,
      options: SubscribeOptions,
      handler: (args: HandlerArgs) => Promise<void>,
    ): unknown;
    start(): void;
    stop(): void;
    on(
      event: 'poll:error' | 'complete:error' | 'handleFailure:error' | 'handleBpmnError:error',
      listener: (...args: unknown[]) => void,
    ): this;
    on(event: 'poll:success', listener: (tasks: unknown[]) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export class BasicAuthInterceptor {
    constructor(options: { username: string; password: string });
  }
}
