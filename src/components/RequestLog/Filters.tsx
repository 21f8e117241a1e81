import Translate, { translate } from '@docusaurus/Translate';
import { useState, type FormEvent, type ReactNode } from 'react';
import { STATUS_CLASSES, type LogFilters, type StatusClass } from '@site/src/lib/request-log/filters.ts';
import styles from './styles.module.css';

/**
 * Status class, path prefix and request_id. The status applies at once; the two text fields when
 * the form is sent (Enter or the button), so typing a path does not start a read per keystroke.
 */
export default function Filters({
  filters,
  onChange,
}: {
  filters: LogFilters;
  onChange: (next: LogFilters) => void;
}): ReactNode {
  const [path, setPath] = useState(filters.path);
  const [requestId, setRequestId] = useState(filters.request_id);
  // Filters changed from outside (the URL): the fields follow, during render rather than after it.
  const [shown, setShown] = useState(filters);
  if (shown !== filters) {
    setShown(filters);
    setPath(filters.path);
    setRequestId(filters.request_id);
  }
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onChange({ ...filters, path: path.trim(), request_id: requestId.trim() });
  };
  return (
    <form
      className={styles.filters}
      onSubmit={apply}
      aria-label={translate({ id: 'logs.filters', message: '筛选' })}
      role="search"
    >
      <label>
        <Translate id="logs.filter.status">状态</Translate>{' '}
        <select
          value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.target.value as StatusClass | '' })}
        >
          <option value="">{translate({ id: 'logs.filter.all', message: '全部' })}</option>
          {STATUS_CLASSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        <Translate id="logs.filter.path">路径前缀</Translate>{' '}
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/v1/payments" spellCheck={false} />
      </label>
      <label>
        request_id <input value={requestId} onChange={(e) => setRequestId(e.target.value)} spellCheck={false} />
      </label>
      <button type="submit" className="button button--sm button--secondary">
        <Translate id="logs.filter.apply">筛选</Translate>
      </button>
    </form>
  );
}
