// Command load benchmarks loading and summarising a large mixed CSV table:
// data.ReadFile then data.Summarize, timed, with the process's peak
// resident memory. bench/load/run.sh runs it beside pandas' read_csv and
// describe on the same file.
//
//	go run ./bench/load -gen bench/out/load_1m.csv -rows 1000000   # write the seeded table (once)
//	go run ./bench/load -csv bench/out/load_1m.csv                  # load and summarise; prints JSON
//
// The table has 20 columns: 14 numeric (integers and decimals of various
// widths, about 1% missing in some) and 6 categorical (from 4 to 1,000,000
// distinct values, Chinese city names among them).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"syscall"
	"time"

	"github.com/glassbox-ml/glassbox/ml/data"
)

func main() {
	gen := flag.String("gen", "", "write the seeded table to this path and exit")
	rows := flag.Int("rows", 1000000, "rows to generate")
	seed := flag.Uint64("seed", 42, "generator seed")
	path := flag.String("csv", "", "table to load and summarise")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the load and summary here")
	summarize := flag.Bool("summarize", true, "also summarise (false: load only, to see its own peak memory)")
	flag.Parse()
	if *cpuProfile != "" {
		pf, err := os.Create(*cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(pf)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench/load:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	var err error
	switch {
	case *gen != "":
		err = generate(*gen, *rows, *seed)
	case *path != "":
		err = load(*path, *summarize)
	default:
		err = fmt.Errorf("give -gen PATH or -csv PATH")
	}
	if err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "bench/load:", err)
		os.Exit(1)
	}
}

type result struct {
	File          string   `json:"file"`
	Bytes         int64    `json:"bytes"`
	Rows          int      `json:"rows"`
	Columns       int      `json:"columns"`
	Kinds         []string `json:"kinds"`
	Encoding      string   `json:"encoding"`
	LoadSeconds   float64  `json:"load_seconds"`
	SummarySecs   float64  `json:"summarize_seconds"`
	TotalSeconds  float64  `json:"total_seconds"`
	PeakRSSBytes  int64    `json:"peak_rss_bytes"`
	LiveHeapFrame uint64   `json:"live_heap_after_load_bytes"`
	GOMAXPROCS    int      `json:"gomaxprocs"`
	GoVersion     string   `json:"go_version"`
}

func load(path string, summarize bool) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	start := time.Now()
	f, err := data.ReadFile(path)
	if err != nil {
		return err
	}
	loaded := time.Now()
	runtime.GC() // not timed: the live heap the frame holds
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	summarising := time.Now()
	var s *data.Summary
	if summarize {
		if s, err = data.Summarize(f, ""); err != nil {
			return err
		}
	}
	end := time.Now()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return err
	}
	r := result{
		File: path, Bytes: info.Size(), Rows: f.Len(), Columns: len(f.Names()), Encoding: f.Encoding(),
		LoadSeconds:   loaded.Sub(start).Seconds(),
		SummarySecs:   end.Sub(summarising).Seconds(),
		TotalSeconds:  loaded.Sub(start).Seconds() + end.Sub(summarising).Seconds(),
		PeakRSSBytes:  ru.Maxrss * 1024, // kilobytes on Linux
		LiveHeapFrame: ms.HeapAlloc,
		GOMAXPROCS:    runtime.GOMAXPROCS(0),
		GoVersion:     runtime.Version(),
	}
	for _, k := range f.Kinds() {
		r.Kinds = append(r.Kinds, k.String())
	}
	if s != nil && len(s.Columns) != r.Columns {
		return fmt.Errorf("summary has %d columns, the frame %d", len(s.Columns), r.Columns)
	}
	out, _ := json.MarshalIndent(r, "", "  ")
	fmt.Println(string(out))
	return nil
}

// generate writes the seeded table.
func generate(path string, rows int, seed uint64) error {
	file, err := os.Create(path + ".tmp")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(file, 1<<20)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	header := "customer_id,age,tenure_months,visits,items,income,spend,balance,score,rating," +
		"latitude,longitude,discount,temperature,weight_kg,city,channel,segment,plan,device\n"
	w.WriteString(header)
	cities := []string{"北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆",
		"天津", "苏州", "长沙", "郑州", "青岛", "Shenyang", "Dalian", "Xiamen", "Kunming", "Harbin"}
	for i := 0; i < 30; i++ {
		cities = append(cities, fmt.Sprintf("Town %02d", i))
	}
	channels := []string{"web", "store", "phone", "app"}
	segments := []string{"A", "B", "C", "D", "E"}
	plans := []string{"basic-monthly", "plus-monthly", "pro-annual", "enterprise-annual"}
	devices := []string{"android-phone", "iphone", "windows-pc", "macbook", "linux-desktop", "android-tablet", "ipad", "smart-tv", "game-console", "other"}
	buf := make([]byte, 0, 512)
	decimal := func(v float64, digits int) {
		buf = strconv.AppendFloat(buf, v, 'f', digits, 64)
		buf = append(buf, ',')
	}
	integer := func(v int) {
		buf = strconv.AppendInt(buf, int64(v), 10)
		buf = append(buf, ',')
	}
	maybeMissing := func(p float64) bool {
		if rng.Float64() < p {
			buf = append(buf, ',')
			return true
		}
		return false
	}
	for r := 0; r < rows; r++ {
		buf = buf[:0]
		buf = append(buf, "CUST-"...)
		buf = strconv.AppendInt(buf, int64(100000000+r*7%rows), 10)
		buf = append(buf, ',')
		if !maybeMissing(0.01) {
			integer(18 + rng.IntN(73))
		}
		integer(rng.IntN(241))
		integer(int(math.Floor(rng.ExpFloat64() * 8)))
		integer(1 + rng.IntN(20))
		if !maybeMissing(0.02) {
			decimal(math.Exp(10.5+0.6*rng.NormFloat64()), 2)
		}
		decimal(rng.ExpFloat64()*300, 2)
		decimal(rng.NormFloat64()*5000, 2)
		decimal(rng.Float64(), 6)
		if !maybeMissing(0.05) {
			decimal(1+4*rng.Float64(), 1)
		}
		decimal(22+20*rng.Float64(), 6)
		decimal(100+25*rng.Float64(), 6)
		decimal(0.5*rng.Float64(), 4)
		decimal(15+10*rng.NormFloat64(), 2)
		if !maybeMissing(0.01) {
			decimal(70+12*rng.NormFloat64(), 2)
		}
		buf = append(buf, cities[rng.IntN(len(cities))]...)
		buf = append(buf, ',')
		buf = append(buf, channels[rng.IntN(len(channels))]...)
		buf = append(buf, ',')
		buf = append(buf, segments[rng.IntN(len(segments))]...)
		buf = append(buf, ',')
		buf = append(buf, plans[rng.IntN(len(plans))]...)
		buf = append(buf, ',')
		if rng.IntN(100) > 0 {
			buf = append(buf, devices[rng.IntN(len(devices))]...)
		}
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := file.Close(); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}
