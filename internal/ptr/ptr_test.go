package ptr

import "testing"

func TestDerefTo(t *testing.T) {
	if Deref[string](nil) != "" || Deref(To("x")) != "x" || Deref[int](nil) != 0 || *To(3) != 3 {
		t.Error("Deref/To")
	}
}
