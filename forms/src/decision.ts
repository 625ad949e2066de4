// Forms of the award-cycle decision phase (Art. 7, 9, 18 (7)(8), 19, 21): proposal, 审定, 区政府批准,
// 公示 and objections, 发文公告.
import type { Component } from './components.js';

export const decisionForms: Record<string, Component[]> = {};
