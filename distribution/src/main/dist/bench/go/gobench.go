// gobench drives a NATS server with the nats.go client, the same scenarios as
// switchboard-bench, so that compare.sh can measure every server with two unrelated clients.
// It prints one JSON line: the delivered message rate and, for requests, latency percentiles.
//
// Built by compare.sh with Debian's nats.go in GOPATH mode (no module download):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o gobench gobench.go
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
)

type options struct {
	url     string
	subject string
	pubs    int
	subs    int
	queue   bool
	request bool
	msgs    int
	size    int
	timeout time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.url, "s", nats.DefaultURL, "server URL")
	flag.IntVar(&o.pubs, "pub", 1, "publishers (requesters with -request)")
	flag.IntVar(&o.subs, "sub", 0, "subscribers (repliers with -request)")
	flag.BoolVar(&o.queue, "queue", false, "subscribers join one queue group")
	flag.BoolVar(&o.request, "request", false, "request/reply: publishers wait for each reply")
	flag.IntVar(&o.msgs, "msgs", 100000, "messages in all, split among the publishers")
	flag.IntVar(&o.size, "size", 128, "payload bytes")
	flag.DurationVar(&o.timeout, "timeout", 2*time.Minute, "give up after this long")
	flag.Parse()
	o.subject = "bench"
	if flag.NArg() > 0 {
		o.subject = flag.Arg(0)
	}
	if o.request && o.subs == 0 {
		o.subs = 1
	}
	clients := &pool{url: o.url}
	var err error
	if o.request {
		err = requestReply(o, clients)
	} else {
		err = pubSub(o, clients)
	}
	clients.close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gobench:", err)
		os.Exit(1)
	}
}

// pool holds every connection of a run, to close them all at the end.
type pool struct {
	url   string
	conns []*nats.Conn
}

// open connects n more clients.
func (p *pool) open(n int) ([]*nats.Conn, error) {
	opened := make([]*nats.Conn, 0, n)
	for i := 0; i < n; i++ {
		nc, err := nats.Connect(p.url, nats.NoReconnect(), nats.ReconnectBufSize(-1))
		if err != nil {
			return nil, err
		}
		p.conns = append(p.conns, nc)
		opened = append(opened, nc)
	}
	return opened, nil
}

func (p *pool) close() {
	for _, c := range p.conns {
		c.Close()
	}
}

// share splits n among k workers: the first n%k get one more.
func share(n, k, i int) int {
	if i < n%k {
		return n/k + 1
	}
	return n / k
}

func pubSub(o options, clients *pool) error {
	expected := int64(o.msgs) * int64(o.subs)
	if o.queue {
		expected = int64(o.msgs)
	}
	var received int64
	done := make(chan struct{})
	var once sync.Once
	subConns, err := clients.open(o.subs)
	if err != nil {
		return err
	}
	for _, nc := range subConns {
		handler := func(*nats.Msg) {
			if atomic.AddInt64(&received, 1) == expected {
				once.Do(func() { close(done) })
			}
		}
		var sub *nats.Subscription
		if o.queue {
			sub, err = nc.QueueSubscribe(o.subject, "bench", handler)
		} else {
			sub, err = nc.Subscribe(o.subject, handler)
		}
		if err != nil {
			return err
		}
		if err := sub.SetPendingLimits(-1, -1); err != nil {
			return err
		}
		if err := nc.Flush(); err != nil {
			return err
		}
	}
	pubConns, err := clients.open(o.pubs)
	if err != nil {
		return err
	}
	payload := make([]byte, o.size)
	errs := make(chan error, o.pubs)
	start := time.Now()
	for i, nc := range pubConns {
		go func(nc *nats.Conn, n int) {
			for j := 0; j < n; j++ {
				if err := nc.Publish(o.subject, payload); err != nil {
					errs <- err
					return
				}
			}
			errs <- nc.Flush()
		}(nc, share(o.msgs, o.pubs, i))
	}
	deadline := time.After(o.timeout)
	for i := 0; i < o.pubs; i++ {
		select {
		case err := <-errs:
			if err != nil {
				return err
			}
		case <-deadline:
			return fmt.Errorf("timed out publishing")
		}
	}
	delivered := int64(o.msgs)
	if expected > 0 {
		delivered = expected
		select {
		case <-done:
		case <-deadline:
			return fmt.Errorf("timed out with %d of %d messages received", atomic.LoadInt64(&received), expected)
		}
	}
	report(delivered, time.Since(start), nil)
	return nil
}

func requestReply(o options, clients *pool) error {
	subConns, err := clients.open(o.subs)
	if err != nil {
		return err
	}
	for _, nc := range subConns {
		if _, err := nc.QueueSubscribe(o.subject, "bench", func(m *nats.Msg) { m.Respond(m.Data) }); err != nil {
			return err
		}
		if err := nc.Flush(); err != nil {
			return err
		}
	}
	latencies := make([][]time.Duration, o.pubs)
	errs := make(chan error, o.pubs)
	payload := make([]byte, o.size)
	reqConns, err := clients.open(o.pubs)
	if err != nil {
		return err
	}
	start := time.Now()
	for i, nc := range reqConns {
		go func(i int, nc *nats.Conn, n int) {
			own := make([]time.Duration, 0, n)
			for j := 0; j < n; j++ {
				sent := time.Now()
				if _, err := nc.Request(o.subject, payload, 5*time.Second); err != nil {
					errs <- err
					return
				}
				own = append(own, time.Since(sent))
			}
			latencies[i] = own
			errs <- nil
		}(i, nc, share(o.msgs, o.pubs, i))
	}
	for range reqConns {
		if err := <-errs; err != nil {
			return err
		}
	}
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range latencies {
		all = append(all, l...)
	}
	report(int64(len(all)), elapsed, all)
	return nil
}

// percentile is the nearest-rank percentile of sorted values.
func percentile(sorted []time.Duration, p float64) time.Duration {
	rank := int(p/100*float64(len(sorted))+0.999999) - 1
	if rank < 0 {
		rank = 0
	}
	return sorted[rank]
}

func report(msgs int64, elapsed time.Duration, latencies []time.Duration) {
	fields := []string{
		`"client":"nats.go ` + nats.Version + `"`,
		fmt.Sprintf(`"msgs":%d`, msgs),
		fmt.Sprintf(`"seconds":%.6f`, elapsed.Seconds()),
		fmt.Sprintf(`"rate":%.0f`, float64(msgs)/elapsed.Seconds()),
	}
	if len(latencies) > 0 {
		sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
		us := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1000 }
		fields = append(fields,
			fmt.Sprintf(`"p50_us":%.1f`, us(percentile(latencies, 50))),
			fmt.Sprintf(`"p99_us":%.1f`, us(percentile(latencies, 99))))
	}
	fmt.Println("{" + strings.Join(fields, ",") + "}")
}
