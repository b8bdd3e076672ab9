import {
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	NetworkError,
	RateLimitedError,
} from '../../../core/brokers/broker-errors';
import { placeOnce } from '../../../core/order/place-once';
import { rejection } from '../../support/rejection';
import { CLIENT_ID, CLIENT_ID_MODES, intent, placeOnceContext, useOandaStub } from './oanda-fixture';

// Never an order twice, never a silent failure: duplicates, retries and lost answers, in both of
// the ways OANDA is described to treat client ids.

const FILLED = {
	brokerOrderId: '6000',
	clientOrderId: CLIENT_ID,
	symbol: 'EUR_USD',
	side: 'buy',
	type: 'market',
	quantity: 100,
	limitPrice: null,
	stopPrice: null,
	status: 'filled',
	filledQuantity: 100,
	averageFillPrice: 1.1,
	createdAt: '2026-01-02T03:04:05.000Z',
};

describe.each(CLIENT_ID_MODES)('OANDA adapter: one order per client id, the stub %s', (_mode, options) => {
	const { stub, broker } = useOandaStub(options);

	it('a second placement with the same client id is a DuplicateClientOrderIdError and sends nothing', async () => {
		await broker().placeOrder(intent());
		stub().setPrice('EUR_USD', 1.3);
		const error = await rejection(broker().placeOrder(intent()));
		expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
		expect((error as DuplicateClientOrderIdError).details).toEqual({ broker: 'oanda', brokerCode: 'CLIENT_ORDER_ID_ALREADY_EXISTS' });
		expect(stub().orderPosts()).toHaveLength(1);
		expect(stub().entryOrders()).toHaveLength(1);
		expect(stub().book.netUnits('EUR_USD')).toBe(100);
	});

	it('placeOnce resolves a duplicate by reading the existing order back, with its fill price', async () => {
		await broker().placeOrder(intent());
		stub().setPrice('EUR_USD', 1.3);
		const placed = await placeOnce(intent(), placeOnceContext(broker()));
		expect(placed).toEqual({ order: FILLED, alreadyPlaced: true, attempts: 1 });
		expect(stub().entryOrders(CLIENT_ID)).toHaveLength(1);
		expect(stub().book.netUnits('EUR_USD')).toBe(100);
	});

	it("OANDA's own CLIENT_ORDER_ID_ALREADY_EXISTS (400) is a DuplicateClientOrderIdError too", async () => {
		await broker().placeOrder(intent({ type: 'limit', limitPrice: 1 }));
		// Blind the adapter's own lookup, so the POST reaches OANDA's check.
		stub().failNext(1, 404, { errorMessage: 'The order ID specified does not exist', errorCode: 'NO_SUCH_ORDER', lastTransactionID: '6000' }, { method: 'GET', endpoint: /^\/orders\/@/ });
		stub().failNext(1, 200, { transactions: [], lastTransactionID: '6000' }, { endpoint: '/transactions/idrange' });
		const error = await rejection(broker().placeOrder(intent({ type: 'limit', limitPrice: 1 })));
		expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
		expect(error.message).toBe('The client Order ID specified is already assigned to another pending Order');
		expect((error as DuplicateClientOrderIdError).details).toEqual({ broker: 'oanda', brokerCode: 'CLIENT_ORDER_ID_ALREADY_EXISTS', httpStatus: 400 });
		expect(stub().entryOrders(CLIENT_ID)).toHaveLength(1);
	});

	it('429 then success: one order, the same clientExtensions.id on both attempts', async () => {
		stub().failNext(1, 429, { errorMessage: 'Rate limit violation' }, { method: 'POST', endpoint: '/orders' });
		const placed = await placeOnce(intent(), placeOnceContext(broker()));
		expect(placed).toEqual({ order: FILLED, alreadyPlaced: false, attempts: 2 });
		const posts = stub().orderPosts();
		expect(posts).toHaveLength(2);
		expect(posts.map((post) => (post.body as { order: { clientExtensions: { id: string } } }).order.clientExtensions.id)).toEqual([CLIENT_ID, CLIENT_ID]);
		expect(stub().entryOrders()).toHaveLength(1);
	});

	it('a 429 alone is a RateLimitedError (retryable) with its status', async () => {
		stub().failNext(1, 429, { errorMessage: 'Rate limit violation' }, { method: 'POST' });
		const error = await rejection(broker().placeOrder(intent()));
		expect(error).toBeInstanceOf(RateLimitedError);
		expect(error).toMatchObject({ retryable: true, message: 'Rate limit violation', details: { broker: 'oanda', httpStatus: 429 } });
	});

	it('order taken, then 503: resolved by reading it back; exactly one order', async () => {
		stub().takeThenFail(503);
		const placed = await placeOnce(intent(), placeOnceContext(broker()));
		expect(placed).toEqual({ order: FILLED, alreadyPlaced: false, attempts: 1 });
		expect(stub().orderPosts()).toHaveLength(1);
		expect(stub().entryOrders()).toHaveLength(1);
		expect(stub().book.netUnits('EUR_USD')).toBe(100);
	});

	it('order taken, then the connection drops (NetworkError): resolved by reading it back', async () => {
		stub().takeThenHangUp();
		const error = await rejection(broker().placeOrder(intent({ clientOrderId: 'tv-lost-answer' })));
		expect(error).toBeInstanceOf(NetworkError);
		expect((error as NetworkError).retryable).toBe(true);

		stub().takeThenHangUp();
		const placed = await placeOnce(intent(), placeOnceContext(broker()));
		expect(placed).toEqual({ order: { ...FILLED, brokerOrderId: '6002', createdAt: '2026-01-02T03:04:05.002Z' }, alreadyPlaced: false, attempts: 1 });
		expect(stub().entryOrders(CLIENT_ID)).toHaveLength(1);
		expect(stub().orderPosts().filter((post) => JSON.stringify(post.body).includes(CLIENT_ID))).toHaveLength(1);
	});

	it('a 201 that cannot be read is retryable, and the retry reads back before sending again', async () => {
		stub().takeThenFail(201, '<html>proxy</html>');
		const error = await rejection(broker().placeOrder(intent({ clientOrderId: 'tv-garbled' })));
		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect(error.message).toMatch(/no orderCreateTransaction/);

		stub().takeThenFail(201, { relatedTransactionIDs: [] });
		const placed = await placeOnce(intent(), placeOnceContext(broker()));
		expect(placed.order).toMatchObject({ clientOrderId: CLIENT_ID, status: 'filled', averageFillPrice: 1.1 });
		expect(stub().entryOrders(CLIENT_ID)).toHaveLength(1);
	});

	it('a 400 rejection is an InvalidOrderError with OANDA\'s errorMessage and errorCode, not retried', async () => {
		const placed = placeOnce(intent({ quantity: 1.5 }), placeOnceContext(broker()));
		const error = await rejection(placed);
		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('Order units specify more precision than allowed');
		expect((error as InvalidOrderError).details).toEqual({ broker: 'oanda', brokerCode: 'UNITS_PRECISION_EXCEEDED', httpStatus: 400 });
		expect(stub().orderPosts()).toHaveLength(1);
		expect(stub().entryOrders()).toHaveLength(0);
	});

	it('a 400 naming INSUFFICIENT_MARGIN is an InsufficientFundsError, not retried', async () => {
		stub().failNext(1, 400, { errorMessage: 'Insufficient margin', errorCode: 'INSUFFICIENT_MARGIN' }, { method: 'POST' });
		const error = await rejection(placeOnce(intent(), placeOnceContext(broker())));
		expect(error).toBeInstanceOf(InsufficientFundsError);
		expect((error as InsufficientFundsError).details).toEqual({ broker: 'oanda', brokerCode: 'INSUFFICIENT_MARGIN', httpStatus: 400 });
		expect(stub().orderPosts()).toHaveLength(1);
	});

	it('a market order OANDA cancels at creation for margin is returned rejected, with the reason, and read back the same', async () => {
		const order = await broker().placeOrder(intent({ quantity: 1e8 }));
		expect(order).toEqual({ ...FILLED, quantity: 1e8, status: 'rejected', filledQuantity: 0, averageFillPrice: null, cancelReason: 'INSUFFICIENT_MARGIN' });
		expect(await broker().getOrderByClientId(CLIENT_ID)).toEqual(order);
		await expect(broker().placeOrder(intent({ quantity: 1e8 }))).rejects.toBeInstanceOf(DuplicateClientOrderIdError);
	});

	it('a FOK market order that found no liquidity is canceled, with the reason', async () => {
		stub().cancelNextMarket('INSUFFICIENT_LIQUIDITY');
		const order = await broker().placeOrder(intent({ timeInForce: 'fok' }));
		expect(order).toMatchObject({ status: 'canceled', filledQuantity: 0, cancelReason: 'INSUFFICIENT_LIQUIDITY' });
	});

	it('an order filled while resting is found again after its fill, with the fill price', async () => {
		await broker().placeOrder(intent({ type: 'limit', limitPrice: 1.05 }));
		stub().fillPending(CLIENT_ID, 1.04);
		const order = await broker().getOrderByClientId(CLIENT_ID);
		expect(order).toMatchObject({ type: 'limit', status: 'filled', filledQuantity: 100, averageFillPrice: 1.04 });
		await expect(broker().placeOrder(intent({ type: 'limit', limitPrice: 1.05 }))).rejects.toBeInstanceOf(DuplicateClientOrderIdError);
		expect(stub().entryOrders()).toHaveLength(1);
	});
});

describe('OANDA adapter: why it looks the client id up itself', () => {
	const { stub, broker } = useOandaStub({ clientIdLookup: 'pending-only', clientIdUniqueness: 'pending-only' });

	it('OANDA (pending-only) would accept a filled market order again; the adapter does not send it', async () => {
		await broker().placeOrder(intent());
		const direct = await fetch(`${stub().url}/v3/accounts/${stub().accountId}/orders/@${CLIENT_ID}`, {
			headers: { authorization: `Bearer ${stub().token}` },
		});
		expect(direct.status).toBe(404);
		expect(await broker().getOrderByClientId(CLIENT_ID)).toEqual(FILLED);
		await expect(broker().placeOrder(intent())).rejects.toBeInstanceOf(DuplicateClientOrderIdError);
		expect(stub().entryOrders()).toHaveLength(1);
	});
});
