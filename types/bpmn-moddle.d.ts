// bpmn-moddle ships its types under a path NodeNext does not find; the part we use.
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, object>);
    fromXML(
      xml: string,
      typeName?: string,
    ): Promise<{ rootElement: unknown; elementsById: Record<string, unknown>; warnings: unknown[] }>;
  }
}
