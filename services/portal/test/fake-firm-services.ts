import {
  AnswerInput,
  type FinanceProduct,
  type FinancingNeed,
  FinancingNeedInput,
  type LedgerEntry,
  type Order,
  OrderInput,
  type ProductMatch,
  PushInput,
  ReportInput,
  type RndService,
  VOUCHER_CAP_CNY,
  type VoucherAccount,
  VoucherApplicationInput,
  VoucherDecisionInput,
} from '@parkmatch/contracts';
import { fieldErrors, type Principal } from '@parkmatch/service-kit';
import { type Context, Hono } from 'hono';
import type { Fetch } from '../src/api/http.ts';
import { tokens } from './fake-services.ts';

// The firm-services service faked in memory with the contracts' shapes: enough for the portal's
// firm-services pages to be driven through app.request(). Who may do what follows the service:
// a firm its own lead, a park's team its park's firms, a bank officer its bank's pushes, an
// operator its own orders. Inputs are checked with the contracts' own schemas.

const problem = (status: number, detail: string, errors?: unknown[]) =>
  new Response(
    JSON.stringify({ type: 'about:blank', title: 'error', status, detail, ...(errors ? { errors } : {}) }),
    {
      status,
      headers: { 'content-type': 'application/problem+json' },
    },
  );

export interface FakeFirm {
  leadId: string;
  name: string;
  parkId?: string;
}

const AT = '2026-03-18T02:00:00.000Z';

const product = (
  id: string,
  bankId: string,
  zh: string,
  amountCny: [number, number],
  extra: Partial<FinanceProduct> = {},
): FinanceProduct => ({
  id,
  bankId,
  bankName: { zh: bankId },
  name: { zh, en: `${zh} (en)` },
  type: 'commercial-value-loan',
  amountCny,
  termMonths: [6, 36],
  ratePct: [3.5, 4.5],
  eligibility: {
    qualificationsAny: [],
    collateralAccepted: [],
    sectors: [],
    stages: [],
    purposes: [],
    parks: [],
  },
  active: true,
  updatedAt: AT,
  ...extra,
});

export class FakeFirmServices {
  readonly firms = new Map<string, FakeFirm>();
  readonly needs: FinancingNeed[] = [];
  readonly orders: Order[] = [];
  readonly accounts = new Map<string, VoucherAccount>();
  /** Bodies the portal sent, by `METHOD path`. */
  readonly bodies = new Map<string, unknown>();
  readonly orgs = [
    {
      id: 'cqrcb',
      kind: 'bank' as const,
      name: { zh: '重庆农商行', en: 'CQRCB' },
      members: ['bank-officer'],
    },
    { id: 'cqbank', kind: 'bank' as const, name: { zh: '重庆银行', en: 'Bank of Chongqing' }, members: [] },
    { id: 'testing', kind: 'operator' as const, name: { zh: '基础检测子平台' }, members: ['lab-operator'] },
  ];
  readonly products: FinanceProduct[] = [
    product('value-loan', 'cqrcb', '商业价值信用贷', [1_000_000, 30_000_000]),
    product('relending', 'cqbank', '科技再贷款', [1_000_000, 50_000_000]),
    product('ip-credit', 'cqbank', '知识价值信用贷', [300_000, 10_000_000]),
    product('bridge', 'cqrcb', '应急转贷', [500_000, 20_000_000], { type: 'bridge-loan' }),
  ];
  readonly services: RndService[] = [
    {
      id: 'str-authentication',
      operatorId: 'testing',
      operatorName: { zh: '基础检测子平台' },
      subPlatform: 'testing',
      category: 'cell-line-authentication',
      name: { zh: 'STR 细胞鉴定', en: 'STR cell-line authentication' },
      priceCny: 800,
      unit: { zh: '每样本', en: 'per sample' },
      leadTimeDays: 5,
      qualifications: ['CMA'],
      servesNeeds: ['rnd-services'],
      active: true,
      updatedAt: AT,
    },
    {
      id: 'ivd-clinical-trial',
      operatorId: 'testing',
      operatorName: { zh: '临床评价子平台' },
      subPlatform: 'clinical',
      category: 'clinical-trial',
      name: { zh: '体外诊断试剂临床试验' },
      priceCny: 150_000,
      unit: { zh: '每项目' },
      leadTimeDays: 120,
      qualifications: ['GCP'],
      servesNeeds: ['clinical-samples'],
      active: true,
      updatedAt: AT,
    },
  ];
  private next = 1;
  private readonly app = this.routes();

  readonly fetch: Fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (init?.body && typeof init.body === 'string')
      this.bodies.set(`${request.method} ${url.pathname}`, JSON.parse(init.body));
    return this.app.fetch(request);
  };

  addFirm(firm: FakeFirm): void {
    this.firms.set(firm.leadId, firm);
  }

  private id = () => `10000000-0000-4000-8000-${String(this.next++).padStart(12, '0')}`;

  private account(firm: FakeFirm): VoucherAccount {
    let account = this.accounts.get(firm.leadId);
    if (!account) {
      account = {
        leadId: firm.leadId,
        firmName: firm.name,
        ...(firm.parkId ? { parkId: firm.parkId } : {}),
        capCny: VOUCHER_CAP_CNY,
        grantedTotalCny: 0,
        balanceCny: 0,
        expired: false,
        applications: [],
        ledger: [],
      };
      this.accounts.set(firm.leadId, account);
    }
    return account;
  }

  private move(
    account: VoucherAccount,
    kind: LedgerEntry['kind'],
    amountCny: number,
    by: string,
    ref: object,
  ) {
    account.balanceCny += amountCny;
    account.ledger.push({
      id: this.id(),
      kind,
      amountCny,
      balanceAfterCny: account.balanceCny,
      by,
      at: AT,
      ...ref,
    });
  }

  private matchesOf(need: FinancingNeed): ProductMatch[] {
    return this.products
      .map((p, i): ProductMatch => {
        const fits =
          need.amountCny >= p.amountCny[0] && need.amountCny <= p.amountCny[1] && p.type !== 'bridge-loan';
        return {
          productId: p.id,
          bankId: p.bankId,
          productName: p.name,
          type: p.type,
          eligible: fits,
          ...(fits ? { score: 90 - i * 5 } : {}),
          reasons: fits
            ? [{ zh: `金额在产品区间内（${p.name.zh}）`, en: `amount within range (${p.name.zh})` }]
            : [],
          excludedBy: fits
            ? []
            : [
                {
                  gate: p.type === 'bridge-loan' ? 'purpose' : 'amount',
                  reason: { zh: '用途不符：仅限过桥转贷', en: 'purpose: bridge only' },
                },
              ],
        };
      })
      .sort((a, b) => Number(b.eligible) - Number(a.eligible));
  }

  private routes() {
    const app = new Hono<{ Variables: { p: Principal } }>();
    app.use('*', async (c, next) => {
      const token = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
      const p = token ? await tokens.verify(token).catch(() => undefined) : undefined;
      if (!p) return problem(401, '令牌无效');
      c.set('p', p);
      await next();
    });
    type C = Context<{ Variables: { p: Principal } }>;
    const actsFor = (p: Principal, firm: FakeFirm | undefined): firm is FakeFirm => {
      if (!firm) return false;
      if (p.role === 'firm') return p.leadId === firm.leadId;
      if (p.role === 'admin') return true;
      if (p.role === 'analyst' || p.role === 'manager') return !p.parkId || p.parkId === firm.parkId;
      return false;
    };
    const firmOf = (c: C, leadId: string | undefined) => {
      const firm = this.firms.get(leadId ?? '');
      return actsFor(c.var.p, firm) ? firm : undefined;
    };
    const banksOf = (p: Principal) =>
      this.orgs.filter((o) => o.kind === 'bank' && o.members.includes(p.sub)).map((o) => o.id);
    const visibleNeed = (p: Principal, need: FinancingNeed): FinancingNeed | undefined => {
      if (p.role === 'bank-officer') {
        const banks = banksOf(p);
        const pushes = need.pushes.filter((x) => banks.includes(x.bankId));
        return pushes.length > 0 ? { ...need, pushes } : undefined;
      }
      return actsFor(p, this.firms.get(need.leadId)) ? need : undefined;
    };
    const body = async (c: C) => c.req.json().catch(() => undefined);

    app.get('/v1/orgs', (c) =>
      c.json({ items: this.orgs.filter((o) => !c.req.query('kind') || o.kind === c.req.query('kind')) }),
    );

    app.post('/v1/finance/needs', async (c) => {
      const parsed = FinancingNeedInput.safeParse(await body(c));
      if (!parsed.success) return problem(400, 'invalid', fieldErrors(parsed.error.issues));
      const firm = firmOf(c, parsed.data.leadId);
      if (!firm) return problem(404, 'no such firm');
      const need: FinancingNeed = {
        id: this.id(),
        ...parsed.data,
        firmName: firm.name,
        ...(firm.parkId ? { parkId: firm.parkId } : {}),
        pushes: [],
        by: c.var.p.sub,
        at: AT,
      };
      this.needs.unshift(need);
      return c.json(need, 201);
    });
    app.get('/v1/finance/needs', (c) => {
      const leadId = c.req.query('leadId');
      if (leadId && !firmOf(c, leadId)) return problem(404, 'no such firm');
      const items = this.needs
        .filter((n) => !leadId || n.leadId === leadId)
        .flatMap((n) => visibleNeed(c.var.p, n) ?? []);
      return c.json({ items });
    });
    app.get('/v1/finance/needs/:id', (c) => {
      const need = this.needs.find((n) => n.id === c.req.param('id'));
      const seen = need && visibleNeed(c.var.p, need);
      return seen ? c.json(seen) : problem(404, 'no such need');
    });
    app.get('/v1/finance/needs/:id/matches', (c) => {
      const need = this.needs.find((n) => n.id === c.req.param('id'));
      if (!need || c.var.p.role === 'bank-officer' || !visibleNeed(c.var.p, need))
        return problem(404, 'no such need');
      return c.json({ needId: need.id, items: this.matchesOf(need) });
    });
    app.post('/v1/finance/needs/:id/pushes', async (c) => {
      const need = this.needs.find((n) => n.id === c.req.param('id'));
      if (!need || !visibleNeed(c.var.p, need)) return problem(404, 'no such need');
      const parsed = PushInput.safeParse(await body(c));
      if (!parsed.success) return problem(400, 'invalid', fieldErrors(parsed.error.issues));
      const matches = this.matchesOf(need);
      for (const id of parsed.data.productIds) {
        const m = matches.find((x) => x.productId === id);
        if (!m?.eligible)
          return problem(422, 'not eligible', [
            {
              path: 'productIds',
              message: `${id} 不符合条件`,
              messageEn: `${id} is not eligible`,
              code: 'gate',
            },
          ]);
      }
      for (const id of parsed.data.productIds) {
        if (need.pushes.some((x) => x.productId === id)) continue;
        const m = matches.find((x) => x.productId === id);
        if (!m) continue;
        need.pushes.push({
          productId: id,
          bankId: m.bankId,
          productName: m.productName,
          status: 'pushed',
          pushedAt: AT,
          pushedBy: c.var.p.sub,
          score: m.score ?? 0,
        });
      }
      return c.json(need);
    });
    app.post('/v1/finance/needs/:id/pushes/:productId/answer', async (c) => {
      const p = c.var.p;
      if (p.role !== 'bank-officer' && p.role !== 'admin') return problem(403, 'banks only');
      const need = this.needs.find((n) => n.id === c.req.param('id'));
      const push = need?.pushes.find((x) => x.productId === c.req.param('productId'));
      if (!need || !push || (p.role === 'bank-officer' && !banksOf(p).includes(push.bankId)))
        return problem(404, 'no such push');
      const parsed = AnswerInput.safeParse(await body(c));
      if (!parsed.success) return problem(400, 'invalid', fieldErrors(parsed.error.issues));
      if (push.status === 'offered' || push.status === 'declined') return problem(409, '已答复');
      const answer = parsed.data;
      const range = this.products.find((x) => x.id === push.productId)?.amountCny ?? [0, 0];
      if (
        answer.status === 'offered' &&
        (answer.offer.amountCny < range[0] || answer.offer.amountCny > range[1])
      )
        return problem(422, 'outside', [
          {
            path: 'offer.amountCny',
            message: '金额超出产品范围',
            messageEn: 'amount outside the product’s range',
            code: 'range',
          },
        ]);
      push.status = answer.status;
      if (answer.status === 'offered') push.offer = answer.offer;
      if (answer.status === 'declined') push.reason = answer.reason;
      push.answeredAt = AT;
      push.answeredBy = p.sub;
      return c.json(visibleNeed(p, need));
    });

    app.get('/v1/rnd/services', (c) => c.json({ items: this.services }));
    app.get('/v1/rnd/suggestions', (c) => {
      const firm = firmOf(c, c.req.query('leadId'));
      if (!firm) return problem(404, 'no such firm');
      const items = this.services
        .filter((s) => s.servesNeeds.includes('rnd-services'))
        .map((service) => ({
          service,
          because: [{ zh: '您的项目需要研发/检测服务', en: 'your profile needs R&D services' }],
        }));
      return c.json({ leadId: firm.leadId, items });
    });
    app.post('/v1/rnd/orders', async (c) => {
      const parsed = OrderInput.safeParse(await body(c));
      if (!parsed.success) return problem(400, 'invalid', fieldErrors(parsed.error.issues));
      const firm = firmOf(c, parsed.data.leadId);
      if (!firm) return problem(404, 'no such firm');
      const service = this.services.find((s) => s.id === parsed.data.serviceId);
      if (!service)
        return problem(422, 'unknown service', [
          { path: 'serviceId', message: '未知服务', messageEn: 'unknown service', code: 'unknown' },
        ]);
      const total = service.priceCny * parsed.data.quantity;
      const account = this.account(firm);
      const voucher = parsed.data.voucherCny;
      if (voucher > total)
        return problem(422, 'too much', [
          {
            path: 'voucherCny',
            message: '服务券抵扣不能超过订单金额',
            messageEn: 'more than the total',
            code: 'total',
          },
        ]);
      if (voucher > account.balanceCny)
        return problem(422, 'balance', [
          {
            path: 'voucherCny',
            message: '服务券余额不足',
            messageEn: 'more than the voucher balance',
            code: 'balance',
          },
        ]);
      const order: Order = {
        id: this.id(),
        leadId: firm.leadId,
        firmName: firm.name,
        ...(firm.parkId ? { parkId: firm.parkId } : {}),
        serviceId: service.id,
        serviceName: service.name,
        operatorId: service.operatorId,
        subPlatform: service.subPlatform,
        quantity: parsed.data.quantity,
        unitPriceCny: service.priceCny,
        totalCny: total,
        voucherCny: voucher,
        firmPaysCny: total - voucher,
        status: 'placed',
        ...(parsed.data.note ? { note: parsed.data.note } : {}),
        history: [{ status: 'placed', by: c.var.p.sub, at: AT }],
        by: c.var.p.sub,
        at: AT,
      };
      if (voucher > 0) this.move(account, 'spend', -voucher, c.var.p.sub, { orderId: order.id });
      this.orders.unshift(order);
      return c.json(order, 201);
    });
    const operatorsOf = (p: Principal) =>
      this.orgs.filter((o) => o.kind === 'operator' && o.members.includes(p.sub)).map((o) => o.id);
    const visibleOrder = (p: Principal, o: Order) =>
      p.role === 'service-operator'
        ? operatorsOf(p).includes(o.operatorId)
        : actsFor(p, this.firms.get(o.leadId));
    app.get('/v1/rnd/orders', (c) => {
      const leadId = c.req.query('leadId');
      return c.json({
        items: this.orders.filter((o) => (!leadId || o.leadId === leadId) && visibleOrder(c.var.p, o)),
      });
    });
    app.post('/v1/rnd/orders/:id/status', async (c) => {
      const order = this.orders.find((o) => o.id === c.req.param('id'));
      if (!order || !visibleOrder(c.var.p, order)) return problem(404, 'no such order');
      const input = (await body(c)) as { status: string; reason?: string };
      if (order.status !== 'placed') return problem(409, 'not placed');
      if (input.status === 'declined' && !input.reason)
        return problem(400, 'invalid', [
          { path: 'reason', message: '请填写原因', messageEn: 'give a reason', code: 'too_small' },
        ]);
      order.status = input.status as Order['status'];
      if (input.reason) order.reason = input.reason;
      order.history.push({ status: order.status, by: c.var.p.sub, at: AT });
      return c.json(order);
    });
    app.post('/v1/rnd/orders/:id/report', async (c) => {
      const order = this.orders.find((o) => o.id === c.req.param('id'));
      if (!order || !visibleOrder(c.var.p, order)) return problem(404, 'no such order');
      const parsed = ReportInput.safeParse(await body(c));
      if (!parsed.success) return problem(400, 'invalid', fieldErrors(parsed.error.issues));
      if (order.status !== 'accepted') return problem(409, 'not accepted');
      const r = parsed.data;
      order.status = 'completed';
      order.report =
        r.kind === 'link'
          ? { kind: 'link', url: r.url, ...(r.name ? { name: r.name } : {}), attachedAt: AT }
          : {
              kind: 'file',
              name: r.name,
              contentType: r.contentType,
              sizeBytes: Buffer.from(r.contentBase64, 'base64').length,
              attachedAt: AT,
            };
      return c.json(order);
    });

    app.get('/v1/vouchers', (c) => {
      const p = c.var.p;
      if (!['analyst', 'manager', 'admin'].includes(p.role)) return problem(403, 'teams only');
      const items = [...this.firms.values()].filter((f) => actsFor(p, f)).map((f) => this.account(f));
      return c.json({
        items:
          c.req.query('pending') === 'true'
            ? items.filter((a) => a.applications.some((x) => x.status === 'pending'))
            : items,
      });
    });
    app.get('/v1/vouchers/:leadId', (c) => {
      const firm = firmOf(c, c.req.param('leadId'));
      return firm ? c.json(this.account(firm)) : problem(404, 'no such firm');
    });
    app.post('/v1/vouchers/applications', async (c) => {
      const parsed = VoucherApplicationInput.safeParse(await body(c));
      if (!parsed.success) return problem(400, 'invalid', fieldErrors(parsed.error.issues));
      const firm = firmOf(c, parsed.data.leadId);
      if (!firm) return problem(404, 'no such firm');
      const account = this.account(firm);
      account.applications.push({
        id: this.id(),
        requestedCny: parsed.data.requestedCny,
        purpose: parsed.data.purpose,
        status: 'pending',
        by: c.var.p.sub,
        at: AT,
      });
      return c.json(account, 201);
    });
    app.post('/v1/vouchers/:leadId/applications/:id/decision', async (c) => {
      const firm = firmOf(c, c.req.param('leadId'));
      if (!firm || c.var.p.role === 'firm') return problem(404, 'no such firm');
      const account = this.account(firm);
      const application = account.applications.find((x) => x.id === c.req.param('id'));
      if (!application) return problem(404, 'no such application');
      const parsed = VoucherDecisionInput.safeParse(await body(c));
      if (!parsed.success) return problem(400, 'invalid', fieldErrors(parsed.error.issues));
      if (application.status !== 'pending') return problem(409, 'decided');
      const d = parsed.data;
      if (d.decision === 'approved') {
        if (account.grantedTotalCny + d.grantedCny > account.capCny)
          return problem(422, 'cap', [
            { path: 'grantedCny', message: '超过 30 万元上限', messageEn: 'over the cap', code: 'cap' },
          ]);
        application.status = 'approved';
        application.grantedCny = d.grantedCny;
        account.grantedTotalCny += d.grantedCny;
        account.expiresOn = d.expiresOn ?? '2027-03-18';
        this.move(account, 'grant', d.grantedCny, c.var.p.sub, { applicationId: application.id });
      } else {
        application.status = 'rejected';
        application.reason = d.reason;
      }
      application.decidedBy = c.var.p.sub;
      application.decidedAt = AT;
      return c.json(account);
    });
    return app;
  }
}
