import type { OrderIntent } from '../../../core/brokers/broker';
import { InsufficientFundsError, NetworkError } from '../../../core/brokers/broker-errors';
import { executeAlert } from '../../../core/order/execute-alert';
import { NotSentError, PartiallyPlacedError, rootCause } from '../../../core/order/placement-errors';
import { FakeBroker } from './fake-broker';
import { alertInput, orderHarness, orderSettings } from './order-fixture';

/** A fake broker that refuses every order that opens a position (a reverse's second leg). */
class RefusesOpeningOrders extends FakeBroker {
	override async placeOrder(intent: OrderIntent) {
		if (!intent.reduceOnly) throw new InsufficientFundsError('not enough buying power', { broker: 'fake' });
		return await super.placeOrder(intent);
	}
}

describe('executeAlert tells whether anything was sent when it fails', () => {
	it('a failure while planning (the position cannot be read) is NotSentError, with the broker error as its cause', async () => {
		const broker = new FakeBroker();
		broker.getPosition = async () => {
			throw new NetworkError('socket hang up', { broker: 'fake' });
		};
		const { executeContext } = orderHarness(undefined, broker);

		const failure = await executeAlert(alertInput({ action: 'exit' }), orderSettings(), executeContext(false)).catch((error: unknown) => error);

		expect(failure).toBeInstanceOf(NotSentError);
		expect(rootCause(failure)).toBeInstanceOf(NetworkError);
		expect((failure as Error).message).toMatch(/could not be planned: socket hang up\. Nothing was sent/);
		expect(broker.placeCalls).toEqual([]);
	});

	it('a reverse whose close was placed and whose open was refused is PartiallyPlacedError naming the placed leg', async () => {
		const broker = new RefusesOpeningOrders();
		broker.setPosition('AAPL', 5);
		const { executeContext } = orderHarness(undefined, broker);

		const failure = await executeAlert(alertInput({ action: 'sell', quantity: 3 }), orderSettings({ reverse: true }), executeContext(false)).catch(
			(error: unknown) => error,
		);

		expect(failure).toBeInstanceOf(PartiallyPlacedError);
		expect(rootCause(failure)).toBeInstanceOf(InsufficientFundsError);
		expect((failure as PartiallyPlacedError).placedClientOrderIds).toEqual([broker.placeCalls[0].clientOrderId]);
		expect(broker.positionOf('AAPL')).toBe(0);
	});

	it('a single refused leg is the broker error itself: nothing was placed', async () => {
		const broker = new RefusesOpeningOrders();
		const { executeContext } = orderHarness(undefined, broker);

		const failure = await executeAlert(alertInput({ action: 'buy', quantity: 3 }), orderSettings(), executeContext(false)).catch((error: unknown) => error);

		expect(failure).toBeInstanceOf(InsufficientFundsError);
	});
});
