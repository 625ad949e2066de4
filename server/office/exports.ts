// The cycle's lists as Excel workbooks with Chinese headers (issue 13 (4), contracts.md): the office's
// own work runs on 汇总表 and 名单. Built with exceljs from the office's view of the cycle.
import ExcelJS from 'exceljs';
import type { AwardRow, CycleOverview } from './view.js';

export const EXPORT_LISTS = {
  applications: '申报汇总表',
  preliminary: '初选名单',
  'review-results': '评审结果汇总',
  proposal: '建议名单',
  publicity: '公示名单',
  awards: '获奖名单',
} as const;
export type ExportList = keyof typeof EXPORT_LISTS;

export const isExportList = (name: string): name is ExportList => Object.hasOwn(EXPORT_LISTS, name);

/** A list the cycle has not formed yet: 409 list_not_ready. */
export class ListNotReady extends Error {}

const KIND = { organization: '组织', individual: '个人' } as const;
const CLASS = { 'district-head': '区长质量奖', gold: '质量金奖' } as const;
const CATEGORY = { model: '先进质量管理模式', achievement: '质量管理成就' } as const;

interface Sheet {
  columns: { header: string; width: number }[];
  rows: (string | number | null)[][];
}

const code = (a: { creditCode?: string | null; idNumber?: string | null }) =>
  a.creditCode ?? a.idNumber ?? '';

type ApplicationRow = CycleOverview['applications'][number];

/** 序号 to 推荐单位: the columns every list of applications starts with. */
const APPLICANT_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '申报编号', width: 14 },
  { header: '申报者', width: 32 },
  { header: '类型', width: 8 },
  { header: '统一社会信用代码/身份证号码', width: 24 },
  { header: '推荐单位', width: 14 },
];
const applicantCells = (a: ApplicationRow, i: number): (string | number)[] => [
  i + 1,
  a.applicationId,
  a.applicantName,
  KIND[a.kind],
  code(a),
  a.recommendingUnit ?? '',
];

const awardSheet = (awards: AwardRow[], withPrize: boolean): Sheet => ({
  columns: [
    { header: '序号', width: 6 },
    { header: '申报编号', width: 14 },
    { header: '获奖者', width: 32 },
    { header: '类型', width: 8 },
    { header: '统一社会信用代码/身份证号码', width: 24 },
    { header: '奖项', width: 14 },
    { header: '类别', width: 18 },
    ...(withPrize ? [{ header: '奖金（元）', width: 12 }] : []),
  ],
  rows: awards.map((a, i) => [
    i + 1,
    a.applicationId,
    a.applicantName,
    KIND[a.applicantKind] ?? a.applicantKind,
    code(a),
    CLASS[a.awardClass] ?? a.awardClass,
    CATEGORY[a.category] ?? a.category,
    ...(withPrize ? [a.prize ?? null] : []),
  ]),
});

/** The rows of one list, or ListNotReady naming what the cycle has to do first. */
export function sheetOf(list: ExportList, view: CycleOverview): Sheet {
  const year = view.cycle.replace('cycle-', '');
  const notReady = (what: string) => new ListNotReady(`${year} 年度的${EXPORT_LISTS[list]}尚未形成：${what}`);
  switch (list) {
    case 'applications':
      return {
        columns: [
          ...APPLICANT_COLUMNS,
          { header: '当前阶段', width: 14 },
          { header: '待办事项', width: 30 },
          { header: '待处理问题', width: 40 },
        ],
        rows: view.applications.map((a, i) => [
          ...applicantCells(a, i),
          a.stageName,
          a.openTasks.map((t) => t.name).join('；'),
          a.problems.map((p) => p.message).join('；'),
        ]),
      };
    case 'preliminary': {
      if (!view.lists.preliminaryReady) throw notReady('资格审查尚未全部完成');
      const accepted = view.applications.filter(
        (a) =>
          ![
            'submission',
            'recommendation',
            'eligibility',
            'rejected',
            'not-recommended',
            'withdrawn',
          ].includes(a.stage),
      );
      return {
        columns: APPLICANT_COLUMNS,
        rows: accepted.map(applicantCells),
      };
    }
    case 'review-results': {
      const summary = view.lists.reviewSummary;
      if (!summary) throw notReady('资料评审结果尚未汇总');
      return {
        columns: [
          { header: '排名', width: 6 },
          { header: '申报编号', width: 14 },
          { header: '申报者', width: 32 },
          { header: '类型', width: 8 },
          { header: '资料评审得分', width: 14 },
          { header: '满分', width: 8 },
          { header: '进入现场评审', width: 14 },
          { header: '现场评审得分', width: 14 },
        ],
        rows: summary.map((r) => [
          r.rank,
          r.applicationId,
          r.applicantName,
          KIND[r.applicantKind as keyof typeof KIND] ?? r.applicantKind,
          r.documentScore,
          r.maxTotal,
          r.shortlisted ? '是' : '否',
          r.siteScore ?? null,
        ]),
      };
    }
    case 'proposal': {
      const proposal = view.lists.awards ?? view.lists.proposedAwards;
      if (!proposal) throw notReady('建议名单尚未提出');
      return awardSheet(proposal, true);
    }
    case 'publicity': {
      if (!view.lists.publicityStart || !view.lists.awards) throw notReady('区政府尚未批准，公示尚未开始');
      return awardSheet(view.lists.awards, false);
    }
    case 'awards': {
      if (!view.lists.awardsRecorded || !view.lists.awards) throw notReady('尚未发文公告');
      return awardSheet(view.lists.awards, true);
    }
  }
}

/** The workbook of one list: a title row, the Chinese header row, one row per entry. */
export async function exportWorkbook(list: ExportList, view: CycleOverview): Promise<Buffer> {
  const sheet = sheetOf(list, view);
  const year = view.cycle.replace('cycle-', '');
  const title = `宝山区政府质量奖 ${year} 年度${EXPORT_LISTS[list]}`;
  const book = new ExcelJS.Workbook();
  book.creator = '宝山区政府质量奖流程平台';
  book.created = new Date();
  const ws = book.addWorksheet(EXPORT_LISTS[list], { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, sheet.columns.length);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 14 };
  titleCell.alignment = { horizontal: 'center' };
  const header = ws.addRow(sheet.columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of sheet.rows) ws.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}
