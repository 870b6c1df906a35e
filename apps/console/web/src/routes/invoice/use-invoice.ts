import { Code, ConnectError } from '@connectrpc/connect';
import { DocumentFormat } from '@cascade/contracts';
import { clients } from '../../api/clients';
import { useAction, useCall } from '../../api/use-call';

export function useInvoice(id: string) {
  return useCall((signal) => clients.invoices.getInvoice({ id }, { signal }), [id]);
}

export function useCreditNotes(id: string) {
  return useCall((signal) => clients.invoices.listCreditNotes({ invoiceId: id }, { signal }), [id]);
}

/** The seller's path when the principal can see the seller (then it may be the seller's side), else undefined. */
export function useSellerPath(sellerId: string) {
  return useCall(
    async (signal) => {
      try {
        return (await clients.tenants.getTenant({ id: sellerId }, { signal })).path;
      } catch (error) {
        if (ConnectError.from(error).code === Code.NotFound) return undefined;
        throw error;
      }
    },
    [sellerId],
  );
}

/** The lifecycle changes of an invoice; each answers the invoice as it now is. */
export function useInvoiceActions(id: string, after: () => void) {
  const done = <T>(p: Promise<T>) => p.then((r) => (after(), r));
  return {
    finalize: useAction(() => done(clients.invoices.finalizeInvoice({ id }))),
    markPaid: useAction(() => done(clients.invoices.markInvoicePaid({ id }))),
    void: useAction((reason: string) => done(clients.invoices.voidInvoice({ id, reason }))),
    discard: useAction((reason: string) =>
      done(clients.invoices.discardDraftInvoice({ id, reason })),
    ),
    creditNote: useAction((reason: string, lineNumber: number, amount: string) =>
      done(
        clients.invoices.issueCreditNote({
          invoiceId: id,
          reason,
          lines: [{ invoiceLineNumber: lineNumber, amount }],
          idempotencyKey: crypto.randomUUID(),
        }),
      ),
    ),
    document: useAction(async (format: DocumentFormat) => {
      const doc = await clients.invoices.getInvoiceDocument({ id, format });
      const url = URL.createObjectURL(
        new Blob([doc.content as BlobPart], { type: doc.contentType }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = doc.fileName;
      link.click();
      // Revoked on the next turn: the browser resolves the blob URL after click() returns.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }),
  };
}
