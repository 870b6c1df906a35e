import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <>
      <h1>Not found</h1>
      <p className="state problem" role="alert">
        Not found: this page does not exist. <Link to="/">Go to the start</Link>.
      </p>
    </>
  );
}
