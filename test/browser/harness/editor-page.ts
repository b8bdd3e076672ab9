import type { Locator, Page } from 'playwright-core';

/**
 * The little of the DOM the checks below read inside the page. Declared here rather than through
 * TypeScript's "dom" library, which would change global types (fetch, Headers) for every test.
 */
interface PageElement {
	readonly textContent: string | null;
	readonly classList: ArrayLike<string>;
	readonly parentElement: PageElement | null;
	readonly complete?: boolean;
	readonly naturalWidth?: number;
	querySelector(selector: string): PageElement | null;
	querySelectorAll(selector: string): ArrayLike<PageElement>;
	closest(selector: string): PageElement | null;
	getAttribute(name: string): string | null;
	getClientRects(): { length: number };
	getBoundingClientRect(): { width: number };
}

const testId = (id: string): string => `[data-test-id="${id}"]`;
const ISSUE_MARKERS = `${testId('node-issues')}, ${testId('canvas-node-status-warning')}`;

export interface NodeIcon {
	state: 'loaded' | 'loading' | 'broken' | 'missing';
	/** The <img> address, 'svg', or the placeholder text. */
	source: string;
}

/** The n8n editor as a user sees it, found through the data-test-id attributes n8n's own tests use. */
export class EditorPage {
	constructor(
		readonly page: Page,
		private readonly baseUrl: string,
	) {}

	async signIn(email: string, password: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/signin`);
		await this.page.locator(`${testId('emailOrLdapLoginId')} input`).fill(email);
		await this.page.locator(`${testId('password')} input`).fill(password);
		await this.page.locator(testId('form-submit-button')).click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}

	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.canvasNodes().first().waitFor();
	}

	/**
	 * Closes the "Production Checklist" n8n pops up over the canvas of a published workflow a few
	 * seconds after it opens; carries on when it does not come.
	 */
	async closeProductionChecklist(timeoutMs = 10_000): Promise<void> {
		const close = this.page.locator(testId('suggested-actions-close'));
		try {
			await close.waitFor({ timeout: timeoutMs });
		} catch {
			return;
		}
		await close.click();
		await close.waitFor({ state: 'hidden' });
	}

	canvasNodes(): Locator {
		return this.page.locator(testId('canvas-node'));
	}

	async canvasNodeNames(): Promise<string[]> {
		return await this.canvasNodes().evaluateAll((nodes: PageElement[]) => nodes.map((node) => node.getAttribute('data-node-name') ?? '?'));
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`${testId('canvas-node')}[data-node-name="${name}"]`);
	}

	/** Each canvas node's visible text (its name and subtitle), by node name. */
	async canvasNodeTexts(): Promise<Record<string, string>> {
		const pairs = await this.canvasNodes().evaluateAll((nodes: PageElement[]) =>
			nodes.map((node) => [node.getAttribute('data-node-name') ?? '?', (node.textContent ?? '').replace(/\s+/g, ' ').trim()]),
		);
		return Object.fromEntries(pairs);
	}

	/**
	 * Node names the canvas marks with the red warning sign n8n shows for parameter or credential
	 * issues (`node-issues` in n8n 2.x, `canvas-node-status-warning` before).
	 */
	async canvasNodesWithIssues(): Promise<string[]> {
		return await this.canvasNodes()
			.filter({ has: this.page.locator(ISSUE_MARKERS) })
			.evaluateAll((nodes: PageElement[]) => nodes.map((node) => node.getAttribute('data-node-name') ?? '?'));
	}

	/** The issues a node's warning sign lists, read from the "Issues" tooltip that hovering it shows. */
	async canvasNodeIssues(name: string): Promise<string[]> {
		const marker = this.canvasNode(name).locator(ISSUE_MARKERS).first();
		await marker.hover();
		const tooltip = this.page.locator('[data-reka-popper-content-wrapper], [role="tooltip"]').filter({ hasText: /^\s*Issues/ }).filter({ visible: true }).first();
		await tooltip.waitFor({ timeout: 10_000 });
		const lines = (await tooltip.innerText())
			.split('\n')
			.map((line) => line.replace(/^\s*-\s*/, '').trim())
			.filter((line) => line !== '' && !/^Issues:?$/.test(line));
		await this.page.mouse.move(1, 1);
		await tooltip.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
		return [...new Set(lines)];
	}

	/** Opens the node panel ("What happens next?") and types `term` into its search box. */
	async searchNodePanel(term: string): Promise<void> {
		await this.page.locator(testId('node-creator-plus-button')).click();
		await this.page.locator(`input${testId('node-creator-search-bar')}`).fill(term);
	}

	nodePanelItem(name: string): Locator {
		const exactName = this.page.locator(testId('node-creator-item-name')).getByText(name, { exact: true });
		return this.page.locator(`${testId('node-creator')} ${testId('item-iterator-item')}`).filter({ has: exactName });
	}

	/** The names the node panel lists now. */
	async nodePanelNames(): Promise<string[]> {
		return await this.page.locator(`${testId('node-creator')} ${testId('node-creator-item-name')}`).allInnerTexts();
	}

	/**
	 * Adds a community node from the node panel: n8n first shows the package's node details, whose
	 * "Add to workflow" button adds the node and opens its parameter panel.
	 */
	async addNodeFromPanel(name: string): Promise<void> {
		await this.nodePanelItem(name).click();
		const add = this.page.locator(testId('node-creator')).getByRole('button', { name: 'Add to workflow' });
		if (await add.isVisible({ timeout: 5_000 }).catch(() => false)) await add.click();
		await this.nodeDetails().locator(testId('node-parameters')).waitFor();
	}

	/** An empty new workflow; nothing is saved until a user saves it. */
	async openNewWorkflow(): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.page.locator(testId('canvas-add-button')).waitFor();
	}

	async closeNodePanel(): Promise<void> {
		if (!(await this.page.locator(testId('node-creator')).isVisible())) return;
		await this.page.keyboard.press('Escape');
		await this.page.locator(testId('node-creator')).waitFor({ state: 'hidden' });
	}

	nodeDetails(): Locator {
		return this.page.locator(testId('ndv'));
	}

	/** Opens a node's parameter panel the way a user does, by double-clicking it on the canvas. */
	async openNodeDetails(name: string): Promise<void> {
		await this.canvasNode(name).dblclick();
		await this.nodeDetails().locator(testId('node-parameters')).waitFor();
	}

	/** The panel's header: the node's icon and its name. */
	nodeDetailsHeader(): Locator {
		return this.nodeDetails().locator('header', { has: this.page.locator(testId('node-title-container')) });
	}

	async nodeDetailsTitle(): Promise<string> {
		return (await this.nodeDetails().locator(`${testId('node-title-container')} ${testId('inline-edit-preview')}`).innerText()).trim();
	}

	async closeNodeDetails(): Promise<void> {
		if (!(await this.nodeDetails().isVisible())) return;
		await this.nodeDetails().locator(testId('ndv-close-button')).click();
		await this.nodeDetails().waitFor({ state: 'hidden' });
	}

	/**
	 * The open parameter panel's top-level entries from top to bottom: a parameter's name,
	 * "credentials" where n8n draws the credential selectors, "notice" for a notice or section header.
	 */
	async nodeDetailsLayout(): Promise<string[]> {
		return await this.nodeDetails()
			.locator(testId('node-parameters'))
			.evaluate((root: PageElement) => {
				const items = Array.from(root.querySelectorAll('[data-test-id="parameter-item"]')).filter(
					(item) => !item.parentElement?.closest('[data-test-id="parameter-item"]'),
				);
				return items
					.filter((item) => item.getClientRects().length > 0)
					.map((item) => {
						if (item.querySelector('[data-test-id="node-credentials-slot"]')) return 'credentials';
						const label = item.querySelector('label[for]')?.getAttribute('for');
						if (label) return label;
						// The credentials parameter's item stays in the panel, empty, while no credential applies.
						return (item.textContent ?? '').trim() === '' ? '' : 'notice';
					})
					.filter((entry) => entry !== '');
			});
	}

	/** The icons of the credential selectors in the open parameter panel (the "Connect to …" buttons show them). */
	async nodeDetailsCredentialIcons(): Promise<string[]> {
		return await this.nodeDetails()
			.locator(`${testId('node-credentials-slot')} img`)
			.evaluateAll((images: PageElement[]) => images.map((image) => image.getAttribute('src') ?? ''));
	}

	/** What the open parameter panel flags: issue markers on the node or a parameter, and error notices. */
	async nodeDetailsProblems(): Promise<string[]> {
		return await this.nodeDetails().evaluate((panel: PageElement) => {
			const shown = (element: PageElement): boolean => element.getClientRects().length > 0;
			const where = (element: PageElement): string =>
				(element.closest('.parameter-item')?.textContent ?? element.textContent ?? '').trim().slice(0, 120);
			const problems: string[] = [];
			const markers = panel.querySelectorAll(
				'[data-test-id="node-issues"], [data-test-id="parameter-issues"], [data-test-id$="-parameter-input-issues-container"]',
			);
			for (const marker of Array.from(markers)) if (shown(marker)) problems.push(`issue marker near "${where(marker)}"`);
			// n8n's notice component names its theme only in a CSS-module class (…_danger_…).
			for (const notice of Array.from(panel.querySelectorAll('.notice'))) {
				if (shown(notice) && Array.from(notice.classList).some((name) => /(^|_)danger(_|$)/.test(name))) {
					problems.push(`error notice "${where(notice)}"`);
				}
			}
			return problems;
		});
	}

	/** Texts of the error and warning toasts on screen. */
	async errorToasts(): Promise<string[]> {
		return await this.page
			.locator('.el-notification')
			.filter({ has: this.page.locator('.el-notification--error, .el-notification--warning') })
			.evaluateAll((toasts: PageElement[]) =>
				toasts.filter((toast) => toast.getClientRects().length > 0).map((toast) => (toast.textContent ?? '').trim()),
			);
	}

	/**
	 * Waits until the node icon inside `container` has rendered: a decoded <img> (its address is
	 * the source) or a drawn <svg>. n8n shows a letter instead when a node has no icon.
	 */
	async icon(container: Locator, timeoutMs = 15_000): Promise<NodeIcon> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const icon = await container.evaluate((root: PageElement): NodeIcon => {
				const wrapper = root.querySelector('.n8n-node-icon');
				const image = wrapper?.querySelector('img');
				if (image) {
					const source = image.getAttribute('src') ?? '';
					if (image.complete === false) return { state: 'loading', source };
					return { state: (image.naturalWidth ?? 0) > 0 ? 'loaded' : 'broken', source };
				}
				const drawing = wrapper?.querySelector('svg');
				if (drawing && drawing.getBoundingClientRect().width > 0) return { state: 'loaded', source: 'svg' };
				return { state: 'missing', source: (wrapper?.textContent ?? '').trim() };
			});
			if (icon.state === 'loaded' || Date.now() > deadline) return icon;
			await this.page.waitForTimeout(250);
		}
	}

	async screenshot(path: string): Promise<void> {
		await this.page.screenshot({ path, animations: 'disabled' });
	}
}
