package datasets

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/glassbox-ml/glassbox/ml/data"
)

// Contacts returns Customers(n, seed) as a CRM exports it, with the
// personal data a real customer table holds in front: "客户编号" (customer
// number C000001…), "姓名" (a Chinese name), "email", "手机" (a mainland
// mobile number) and "身份证号" (an 18-character resident ID number with a
// valid GB 11643-1999 check character and a birth date that matches the
// age). Every value is invented (names from common surnames and given
// names, e-mails at example.com), drawn by a generator seeded by seed, so
// it is a safe table to show what GlassBox does with personal data: it is
// never a feature in raw form (see data.InferRoles, data.Frame.Pseudonymise).
func Contacts(n int, seed int64) (*data.Frame, error) {
	if n <= 0 {
		return nil, fmt.Errorf("datasets: Contacts: n = %d, want a positive number of rows", n)
	}
	rows := customerRows(n, seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x452821e638d01377))
	surnames := []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡"}
	given := []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平"}
	regions := []string{"110101", "310104", "440106", "510107", "330106", "420102", "320102", "610113"}
	out := make([][]string, n)
	for i, row := range rows {
		age, _ := strconv.Atoi(row[0])
		birth := fmt.Sprintf("%04d%02d%02d", 2026-age, 1+rng.IntN(12), 1+rng.IntN(28))
		id17 := regions[rng.IntN(len(regions))] + birth + fmt.Sprintf("%03d", rng.IntN(1000))
		name := surnames[rng.IntN(len(surnames))] + given[rng.IntN(len(given))]
		contact := []string{
			fmt.Sprintf("C%06d", i+1),
			name,
			fmt.Sprintf("user%d.%d@example.com", i+1, rng.IntN(1000)),
			fmt.Sprintf("1%d%09d", 3+rng.IntN(7), rng.IntN(1_000_000_000)),
			id17 + string(data.ResidentIDCheckChar(id17)),
		}
		out[i] = append(contact, row...)
	}
	names := append([]string{"客户编号", "姓名", "email", "手机", "身份证号"}, customerColumns...)
	schema := data.Schema{"身份证号": data.Categorical} // text in a CRM export; numbers would lose digits
	for k, v := range customerSchema {
		schema[k] = v
	}
	return data.NewFrame(names, out, schema)
}
