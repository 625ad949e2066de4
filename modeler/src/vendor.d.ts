// camunda-bpmn-js has no package exports; esbuild resolves the deep import, tsc gets this shape.
declare module 'camunda-bpmn-js/lib/camunda-platform/Modeler' {
  export default class Modeler {
    constructor(options: Record<string, unknown>);
    get(name: string): unknown;
    on(event: string, callback: (...args: unknown[]) => void): void;
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
  }
}
