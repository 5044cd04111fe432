// A read that touches no data: does the engine answer at all (GET /ready)?
RETURN 1 AS ok
