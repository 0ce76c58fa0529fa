import type { ReadModelEvent } from '../src/read-model/events.ts';
import {
  appealClosed,
  appealOpened,
  claimed,
  liaison,
  lostFacts,
  moved,
  scored,
  signedFacts,
  submitted,
  visit,
  withdrawn,
} from './events.ts';

// A first quarter of 2026 at Dadukou and Bio-City, small enough to count by hand (the counts
// are in the metric tests). Times are Asia/Shanghai.
//
// L1 dadukou A: submitted Mon 5 Jan, claimed the same day, 接洽 6 Jan, 考察 12 Jan, 在谈 20 Jan,
//    签约 2 Feb (150 M), 注册 2 Mar; an appeal opened 5 Feb, due 10 Feb, still open.
// L2 dadukou B: submitted Wed 7 Jan, claimed Fri 9 Jan, 接洽 12 Jan, lost 10 Feb (other region).
// L3 dadukou A, gaoxin B: submitted 8 Jan, never claimed.
// L4 bio-city A: submitted 3 Feb, claimed the same day, 接洽 4 Feb, 签约 10 Mar (80 M, skipping);
//    an appeal opened 11 Mar, due 20 Mar, resolved 16 Mar.
// L5 dadukou D: submitted 10 Feb, withdrawn 12 Feb.
//
// 一企一策 ledger: L1's liaison 张伟 (named 5 Jan), visits 12 Jan and 6 Feb (logged the same
// days), then 刘洋 named 1 Mar and a visit 3 Mar; L2's liaison 李娜 (9 Jan), a visit 15 Jan
// (logged 16 Jan); L4's liaison 王芳 (3 Feb), a visit 12 Mar; a visit to L1 on 2 Apr (after Q1).

const t = (local: string) => new Date(`${local}+08:00`).toISOString();

export const SCENARIO: ReadModelEvent[] = [
  submitted('L1', t('2026-01-05T09:00:00')),
  scored('L1', 'dadukou-ivd', 'A', t('2026-01-05T09:00:01'), { directions: ['ivd.poct'] }),
  scored('L1', 'bio-city', 'C', t('2026-01-05T09:00:01'), { directions: ['bio.cro'] }),
  claimed('L1', 'dadukou-ivd', t('2026-01-05T15:00:00')),
  moved('L1', 'dadukou-ivd', 'lead', 'contacted', t('2026-01-06T10:00:00'), t('2026-01-05T09:00:00')),
  moved('L1', 'dadukou-ivd', 'contacted', 'site-visit', t('2026-01-12T10:00:00'), t('2026-01-06T10:00:00')),
  moved('L1', 'dadukou-ivd', 'site-visit', 'negotiating', t('2026-01-20T10:00:00'), t('2026-01-12T10:00:00')),
  moved(
    'L1',
    'dadukou-ivd',
    'negotiating',
    'signed',
    t('2026-02-02T10:00:00'),
    t('2026-01-20T10:00:00'),
    signedFacts(150_000_000, '2026-02-02'),
  ),
  moved('L1', 'dadukou-ivd', 'signed', 'registered', t('2026-03-02T10:00:00'), t('2026-02-02T10:00:00')),
  appealOpened('L1', 'dadukou-ivd', 'AP1', t('2026-02-05T10:00:00'), '2026-02-10'),
  liaison('L1', 'dadukou-ivd', '张伟', t('2026-01-05T16:00:00')),
  visit('L1', 'dadukou-ivd', 'V1', '2026-01-12', t('2026-01-12T18:00:00')),
  visit('L1', 'dadukou-ivd', 'V2', '2026-02-06', t('2026-02-06T18:00:00')),
  liaison('L1', 'dadukou-ivd', '刘洋', t('2026-03-01T09:00:00')),
  visit('L1', 'dadukou-ivd', 'V3', '2026-03-03', t('2026-03-03T18:00:00')),
  visit('L1', 'dadukou-ivd', 'V6', '2026-04-02', t('2026-04-02T18:00:00')),

  submitted('L2', t('2026-01-07T09:00:00')),
  scored('L2', 'dadukou-ivd', 'B', t('2026-01-07T09:00:01'), { directions: ['ivd.mass-spec'] }),
  claimed('L2', 'dadukou-ivd', t('2026-01-09T09:00:00')),
  liaison('L2', 'dadukou-ivd', '李娜', t('2026-01-09T10:00:00')),
  visit('L2', 'dadukou-ivd', 'V4', '2026-01-15', t('2026-01-16T10:00:00')),
  moved('L2', 'dadukou-ivd', 'lead', 'contacted', t('2026-01-12T09:00:00'), t('2026-01-07T09:00:00')),
  moved(
    'L2',
    'dadukou-ivd',
    'contacted',
    'lost',
    t('2026-02-10T09:00:00'),
    t('2026-01-12T09:00:00'),
    lostFacts('other-region'),
  ),

  submitted('L3', t('2026-01-08T09:00:00')),
  scored('L3', 'dadukou-ivd', 'A', t('2026-01-08T09:00:01'), { directions: ['ivd.poct'] }),
  scored('L3', 'gaoxin', 'B', t('2026-01-08T09:00:01'), { directions: ['bio.antibody'] }),

  submitted('L4', t('2026-02-03T09:00:00')),
  scored('L4', 'bio-city', 'A', t('2026-02-03T09:00:01'), { directions: ['bio.antibody'] }),
  claimed('L4', 'bio-city', t('2026-02-03T11:00:00')),
  liaison('L4', 'bio-city', '王芳', t('2026-02-03T12:00:00')),
  visit('L4', 'bio-city', 'V5', '2026-03-12', t('2026-03-12T18:00:00')),
  moved('L4', 'bio-city', 'lead', 'contacted', t('2026-02-04T09:00:00'), t('2026-02-03T09:00:00')),
  moved(
    'L4',
    'bio-city',
    'contacted',
    'signed',
    t('2026-03-10T09:00:00'),
    t('2026-02-04T09:00:00'),
    signedFacts(80_000_000, '2026-03-10'),
  ),
  appealOpened('L4', 'bio-city', 'AP2', t('2026-03-11T09:00:00'), '2026-03-20', 'market'),
  appealClosed(
    'L4',
    'bio-city',
    'AP2',
    t('2026-03-11T09:00:00'),
    t('2026-03-16T09:00:00'),
    '2026-03-20',
    'resolved',
    'market',
  ),

  submitted('L5', t('2026-02-10T09:00:00')),
  scored('L5', 'dadukou-ivd', 'D', t('2026-02-10T09:00:01'), { directions: [] }),
  withdrawn('L5', t('2026-02-12T09:00:00')),
];

/** "Now" of the scenario's queries: mid-April 2026. */
export const SCENARIO_NOW = Date.parse('2026-04-15T12:00:00+08:00');
