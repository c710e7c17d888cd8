// An owning libsolv Queue. libsolv passes lists of ids (jobs, results,
// providers) in Queues; this type frees its storage and converts to and
// from std::vector so code above backends/solv never handles one directly.
#pragma once

#include <span>
#include <vector>

extern "C" {
#include <solv/queue.h>
}

namespace locidep::solv {

class Queue {
 public:
  Queue() { queue_init(&queue_); }
  explicit Queue(std::span<const int> values) : Queue() {
    for (int value : values) queue_push(&queue_, value);
  }
  ~Queue() { queue_free(&queue_); }
  Queue(const Queue& other) : Queue() { queue_init_clone(&queue_, &other.queue_); }
  Queue& operator=(const Queue& other) {
    if (this != &other) {
      queue_free(&queue_);
      queue_init_clone(&queue_, &other.queue_);
    }
    return *this;
  }
  Queue(Queue&& other) noexcept : Queue() { std::swap(queue_, other.queue_); }
  Queue& operator=(Queue&& other) noexcept {
    std::swap(queue_, other.queue_);
    return *this;
  }

  void push(int value) { queue_push(&queue_, value); }
  void push2(int first, int second) { queue_push2(&queue_, first, second); }
  void clear() { queue_empty(&queue_); }
  int size() const noexcept { return queue_.count; }
  bool empty() const noexcept { return queue_.count == 0; }
  int operator[](int index) const noexcept { return queue_.elements[index]; }
  const int* begin() const noexcept { return queue_.elements; }
  const int* end() const noexcept { return queue_.elements + queue_.count; }
  std::vector<int> to_vector() const { return {begin(), end()}; }

  // For the layer's own calls into libsolv.
  ::Queue* native() noexcept { return &queue_; }
  const ::Queue* native() const noexcept { return &queue_; }

 private:
  ::Queue queue_;
};

}  // namespace locidep::solv
