// Art. 18 (3): departments the office may ask for a written opinion during 资格审查.
// Each department works its tasks as the Camunda group `department-<id>`.

export interface Department {
  id: string;
  name: string;
}

export const DEPARTMENTS: readonly Department[] = [
  { id: 'ecology', name: '区生态环境局' },
  { id: 'emergency', name: '区应急管理局' },
  { id: 'market', name: '区市场监管局' },
  { id: 'health', name: '区卫生健康委员会' },
  { id: 'hr', name: '区人力资源和社会保障局' },
  { id: 'tax', name: '区税务局' },
];

export const departmentGroup = (id: string): string => `department-${id}`;

export function findDepartment(id: string): Department | undefined {
  return DEPARTMENTS.find((d) => d.id === id);
}
