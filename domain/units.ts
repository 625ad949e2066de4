// Art. 13, 18 (2): the streets, towns, parks and competent departments that sign recommendations.
// Each unit works its tasks as the Camunda group `recommender-<id>`.

export interface RecommendingUnit {
  id: string;
  name: string;
  kind: 'street' | 'town' | 'park' | 'department';
}

export const RECOMMENDING_UNITS: readonly RecommendingUnit[] = [
  { id: 'youyilu', name: '友谊路街道', kind: 'street' },
  { id: 'wusong', name: '吴淞街道', kind: 'street' },
  { id: 'zhangmiao', name: '张庙街道', kind: 'street' },
  { id: 'luodian', name: '罗店镇', kind: 'town' },
  { id: 'dachang', name: '大场镇', kind: 'town' },
  { id: 'yanghang', name: '杨行镇', kind: 'town' },
  { id: 'yuepu', name: '月浦镇', kind: 'town' },
  { id: 'luojing', name: '罗泾镇', kind: 'town' },
  { id: 'gucun', name: '顾村镇', kind: 'town' },
  { id: 'gaojing', name: '高境镇', kind: 'town' },
  { id: 'miaohang', name: '庙行镇', kind: 'town' },
  { id: 'songnan', name: '淞南镇', kind: 'town' },
  { id: 'industrial-park', name: '宝山工业园区', kind: 'park' },
  { id: 'economy', name: '区经济委员会', kind: 'department' },
  { id: 'science', name: '区科学技术委员会', kind: 'department' },
];

export const recommenderGroup = (unitId: string): string => `recommender-${unitId}`;

export function findUnit(id: string): RecommendingUnit | undefined {
  return RECOMMENDING_UNITS.find((u) => u.id === id);
}
