import { useState, type FormEvent } from 'react';
import { DocumentFormat, InvoiceStatus, type Invoice } from '@cascade/contracts';
import { ProblemView } from '../../components/States';
import { useInvoiceActions } from './use-invoice';

/** Finalize, mark paid, void with a reason, credit a line: shown only to the seller's side. */
export function InvoiceActions({
  invoice,
  canManage,
  after,
}: {
  invoice: Invoice;
  canManage: boolean;
  after: () => void;
}) {
  const actions = useInvoiceActions(invoice.id, after);
  const [reason, setReason] = useState('');
  const [discardReason, setDiscardReason] = useState('');
  const [creditReason, setCreditReason] = useState('');
  const [creditLine, setCreditLine] = useState('1');
  const [creditAmount, setCreditAmount] = useState('');
  const s = invoice.status;
  const problem =
    actions.finalize.problem ??
    actions.markPaid.problem ??
    actions.void.problem ??
    actions.discard.problem ??
    actions.creditNote.problem;
  const submitVoid = (e: FormEvent) => {
    e.preventDefault();
    void actions.void.run(reason);
  };
  const submitDiscard = (e: FormEvent) => {
    e.preventDefault();
    void actions.discard.run(discardReason);
  };
  const submitCredit = (e: FormEvent) => {
    e.preventDefault();
    void actions.creditNote.run(creditReason, Number(creditLine), creditAmount.trim());
  };
  return (
    <section aria-labelledby="actions-title" className="actions">
      <h2 id="actions-title">Documents{canManage ? ' and actions' : ''}</h2>
      <div className="buttons">
        <button type="button" onClick={() => void actions.document.run(DocumentFormat.PDF)}>
          Download PDF
        </button>
        <button type="button" onClick={() => void actions.document.run(DocumentFormat.CSV)}>
          Download CSV
        </button>
        {canManage && s === InvoiceStatus.DRAFT && (
          <button
            type="button"
            onClick={() => void actions.finalize.run()}
            disabled={actions.finalize.running}
          >
            Finalize
          </button>
        )}
        {canManage && s === InvoiceStatus.FINALIZED && (
          <button
            type="button"
            onClick={() => void actions.markPaid.run()}
            disabled={actions.markPaid.running}
          >
            Mark paid
          </button>
        )}
      </div>
      {actions.document.problem && (
        <ProblemView problem={actions.document.problem} what="Invoice document" />
      )}
      {canManage && (s === InvoiceStatus.DRAFT || s === InvoiceStatus.FINALIZED) && (
        <form onSubmit={submitVoid} className="inline-form">
          <label htmlFor="void-reason">Void reason</label>
          <input
            id="void-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
          />
          <button type="submit" disabled={actions.void.running}>
            Void
          </button>
        </form>
      )}
      {canManage && s === InvoiceStatus.DRAFT && (
        <form onSubmit={submitDiscard} className="inline-form">
          <label htmlFor="discard-reason">Discard reason</label>
          <input
            id="discard-reason"
            value={discardReason}
            onChange={(e) => setDiscardReason(e.target.value)}
            required
          />
          <button type="submit" disabled={actions.discard.running}>
            Discard draft
          </button>
        </form>
      )}
      {canManage && (s === InvoiceStatus.FINALIZED || s === InvoiceStatus.PAID) && (
        <form onSubmit={submitCredit} className="inline-form">
          <fieldset>
            <legend>Issue a credit note</legend>
            <label htmlFor="credit-line">Line</label>
            <select
              id="credit-line"
              value={creditLine}
              onChange={(e) => setCreditLine(e.target.value)}
            >
              {invoice.lines.map((l, i) => {
                const n = l.lineNumber || i + 1;
                return (
                  <option key={n} value={n}>
                    {n}: {l.description || l.meterCode}
                  </option>
                );
              })}
            </select>
            <label htmlFor="credit-amount">Amount</label>
            <input
              id="credit-amount"
              inputMode="decimal"
              value={creditAmount}
              onChange={(e) => setCreditAmount(e.target.value)}
              required
            />
            <label htmlFor="credit-reason">Reason</label>
            <input
              id="credit-reason"
              value={creditReason}
              onChange={(e) => setCreditReason(e.target.value)}
              required
            />
            <button type="submit" disabled={actions.creditNote.running}>
              Issue credit note
            </button>
          </fieldset>
        </form>
      )}
      {problem && <ProblemView problem={problem} what="Change refused" />}
    </section>
  );
}
